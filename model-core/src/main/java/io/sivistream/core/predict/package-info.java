/**
 * Posterior-predictive answers for regression models: given posterior draws of the coefficients
 * and one feature vector, the distribution of the response (linear regression, noise included),
 * of the class probability (logistic regression) or of the count (Poisson regression).
 *
 * <p>Entry point: {@link io.sivistream.core.predict.PosteriorPredictive#summarise}. Used by the
 * serving app for the {@code predictions} topic and its HTTP {@code predict} endpoint.
 */
package io.sivistream.core.predict;
