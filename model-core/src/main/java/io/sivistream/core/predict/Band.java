package io.sivistream.core.predict;

/**
 * Posterior summary of one scalar across the draws (for example the class probability of one
 * input): mean, standard deviation and 5/50/95% quantiles.
 *
 * @param mean mean over the draws
 * @param sd   standard deviation over the draws (divisor n: the spread of the draws themselves)
 * @param q05  5% quantile (type 7, as in {@code DrawSummary})
 * @param q50  median
 * @param q95  95% quantile
 */
public record Band(double mean, double sd, double q05, double q50, double q95) {}
