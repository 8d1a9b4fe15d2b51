/**
 * Priors for the recursive streaming update: the posterior q_t of window t, whose density is
 * intractable, summarised so that its score and Hessian-vector products can serve as the prior of
 * window t+1, optionally tempered towards the base prior p_0 (prior ∝ q_t^λ · p_0^(1−λ)).
 *
 * <p>Candidates (DESIGN.md, "The streaming update"), all implementing
 * {@link io.sivistream.core.target.Prior}:
 * <ul>
 *   <li>{@link io.sivistream.core.stream.prior.GaussianPrior}: a Gaussian fitted to draws;</li>
 *   <li>{@link io.sivistream.core.stream.prior.MixturePrior}: a mixture snapshot of K conditional
 *       Gaussians of the family (exact score of the snapshot);</li>
 *   <li>{@link io.sivistream.core.stream.prior.DsmPrior}: a score network fitted to q_t by denoising
 *       score matching;</li>
 *   <li>{@link io.sivistream.core.stream.prior.TemperedPrior}: the geometric mixture with a base
 *       prior such as {@link io.sivistream.core.stream.prior.IndependentNormalPrior}.</li>
 * </ul>
 * {@link io.sivistream.core.stream.prior.PriorCodec} turns any of them into bytes for checkpoints.
 *
 * <p>Every {@code scoreAt} result returns new arrays from {@code score()} and
 * {@code hessianVectorProduct(v)}, so callers may modify them in place (the trainer does).
 */
package io.sivistream.core.stream.prior;
