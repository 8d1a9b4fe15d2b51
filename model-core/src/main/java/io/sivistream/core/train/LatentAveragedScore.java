package io.sivistream.core.train;

import io.sivistream.core.linalg.Kernels;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A lower-variance stand-in for the conditional score in the critic's regression target.
 *
 * <p>The critic step regresses f(x) on S(x) − ∇log q(x|z) = S(x) + eps/sigma, whose conditional
 * mean given x is the optimal critic S − ∇log q(x); the eps/sigma part is pure noise of size
 * 1/sigma, which makes the critic lag and shrink towards a smooth fit. Here eps_i/sigma is
 * replaced by its average over the batch's own mixture components,
 * sum_j w_ij (x_i − mu_j)/sigma², with w_ij ∝ N(x_i; mu_j, sigma²) over j = 1..n including the
 * particle's own component. Given x_i, its own z_i is a draw from q(z|x_i) and the other z_j are
 * independent draws from N(0, I); for such a set the self-normalised average is an unbiased
 * estimate of E[eps/sigma | x_i] for any n (the identity behind conditional importance
 * resampling, i-SIR: picking j with probability w_ij returns a draw of q(z|x_i)). So the critic's
 * expected gradient — the SIVI-SM objective — is unchanged and only its noise falls. Where
 * components do not overlap (high dimension, small sigma) the weights collapse on the own
 * component and the estimate is the plain eps/sigma.
 *
 * <p>Cost: two n x n x d products per critic step (5% of a waveform step), so the trainer skips
 * it while the components do not overlap ({@link #apply}'s overlap measure). Only for a global
 * sigma (1 x d).
 */
final class LatentAveragedScore {

  private final INDArray scaled;
  private final INDArray centres;
  private final INDArray weights;

  LatentAveragedScore(DataType type, int n, int d) {
    scaled = Nd4j.create(type, n, d);
    centres = Nd4j.create(type, n, d);
    weights = Nd4j.create(type, n, n);
  }

  /**
   * Overwrites e with the averaged conditional score.
   *
   * @param x draws x_i = mu_i + sigma eps_i (n x d)
   * @param eps their noise (n x d)
   * @param invSigma 1 / sigma (1 x d)
   * @param e output (n x d); on entry eps / sigma, which is the case of no overlap
   * @param measureOverlap whether to return the particles' mean weight on their own component
   * @return that mean weight (1 when components do not overlap), or NaN when not asked for
   */
  double apply(INDArray x, INDArray eps, INDArray invSigma, INDArray e, boolean measureOverlap) {
    // in units of sigma: x_i/sigma and the components' centres mu_j/sigma = x_j/sigma - eps_j
    Kernels.mulRows(scaled, x, invSigma);
    Kernels.axpby(centres, 1.0, scaled, -1.0, eps);
    Kernels.gemm(scaled, centres, weights, false, true, 1.0, 0.0);
    Kernels.gaussianResponsibilities(weights, centres);
    double own = measureOverlap ? Nd4j.diag(weights).sumNumber().doubleValue() / weights.rows() : Double.NaN;
    // sum_j w_ij (x_i - mu_j) / sigma² = (x_i/sigma - sum_j w_ij mu_j/sigma) / sigma
    Kernels.gemm(weights, centres, scaled, false, false, -1.0, 1.0);
    Kernels.mulRows(e, scaled, invSigma);
    return own;
  }
}
