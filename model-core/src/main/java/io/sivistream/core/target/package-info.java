/**
 * Target distributions for SIVI-SM: unnormalised log densities with their scores and
 * Hessian-vector products.
 *
 * <p>{@link io.sivistream.core.target.Target} is what the trainer fits. Bayesian regressions are a
 * {@link io.sivistream.core.target.PosteriorTarget}: a {@link io.sivistream.core.target.Prior}
 * (e.g. {@link io.sivistream.core.target.NormalPrior}) times a
 * {@link io.sivistream.core.target.Likelihood} ({@link io.sivistream.core.target.LinearRegression},
 * {@link io.sivistream.core.target.LogisticRegression},
 * {@link io.sivistream.core.target.PoissonRegression}). A model written as a brms-style formula is a
 * {@link io.sivistream.core.target.FormulaTarget} (gaussian, Student-t, bernoulli, binomial,
 * Poisson, negative binomial; unknown scales on the log scale; non-centred group effects), which
 * reports its draws on the natural scale with brms' names ({@link io.sivistream.core.target.Target#toDraw}).
 * The 2-D benchmark targets of the SIVI-SM
 * paper (Yu and Zhang, "Semi-Implicit Variational Inference via Score Matching", ICLR 2023):
 * {@link io.sivistream.core.target.Banana}, {@link io.sivistream.core.target.Multimodal} and
 * {@link io.sivistream.core.target.XShaped}, which can also be sampled exactly
 * ({@link io.sivistream.core.target.ExactSampler}). {@link io.sivistream.core.target.Models} builds
 * a target from a model name.
 *
 * <p>Every target has two evaluation paths: a batched ND4J path (FLOAT or DOUBLE, a few native ops
 * per call) for training, and a plain double path, allocation-light, for the HMC reference sampler.
 */
package io.sivistream.core.target;
