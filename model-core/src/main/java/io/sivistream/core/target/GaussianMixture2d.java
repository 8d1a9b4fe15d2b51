package io.sivistream.core.target;

import java.util.SplittableRandom;

/**
 * A finite mixture of bivariate normals Σ_k w_k N(μ_k, Σ_k), with log density, score and Hessian
 * through the responsibilities r_k (computed with log-sum-exp, so far tails do not underflow):
 * score = Σ r_k s_k with s_k = −Σ_k⁻¹(x − μ_k), Hessian = Σ r_k (−Σ_k⁻¹ + s_k s_kᵀ) − score scoreᵀ.
 */
final class GaussianMixture2d {

  private final int k;
  private final double[] weights;
  private final double[][] means;
  /** Precision per component: {p11, p12, p22}. */
  private final double[][] precisions;
  /** Cholesky factor of the covariance per component: {l11, l21, l22}. */
  private final double[][] cholesky;
  /** log w_k − ½ log det Σ_k (the 2π is dropped: log densities are up to a constant). */
  private final double[] logNorm;

  /**
   * @param weights mixture weights, summing to 1
   * @param means [k][2]
   * @param covariances [k]{s11, s12, s22}, each positive definite
   */
  GaussianMixture2d(double[] weights, double[][] means, double[][] covariances) {
    this.k = weights.length;
    this.weights = weights.clone();
    this.means = means;
    this.precisions = new double[k][];
    this.cholesky = new double[k][];
    this.logNorm = new double[k];
    for (int c = 0; c < k; c++) {
      double s11 = covariances[c][0];
      double s12 = covariances[c][1];
      double s22 = covariances[c][2];
      double det = s11 * s22 - s12 * s12;
      precisions[c] = new double[] {s22 / det, -s12 / det, s11 / det};
      double l11 = Math.sqrt(s11);
      double l21 = s12 / l11;
      cholesky[c] = new double[] {l11, l21, Math.sqrt(s22 - l21 * l21)};
      logNorm[c] = Math.log(weights[c]) - 0.5 * Math.log(det);
    }
  }

  /** log N(x; μ_k, Σ_k) + log w_k per component, into {@code out}; returns their log-sum-exp. */
  private double componentLogs(double x1, double x2, double[] out) {
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < k; c++) {
      double d1 = x1 - means[c][0];
      double d2 = x2 - means[c][1];
      double[] p = precisions[c];
      out[c] = logNorm[c] - 0.5 * (p[0] * d1 * d1 + 2 * p[1] * d1 * d2 + p[2] * d2 * d2);
      max = Math.max(max, out[c]);
    }
    double sum = 0;
    for (int c = 0; c < k; c++) {
      sum += Math.exp(out[c] - max);
    }
    return max + Math.log(sum);
  }

  double logDensity(double x1, double x2) {
    return componentLogs(x1, x2, new double[k]);
  }

  void derivatives(double x1, double x2, double[] out) {
    double[] logs = new double[k];
    double lse = componentLogs(x1, x2, logs);
    double g1 = 0;
    double g2 = 0;
    double h11 = 0;
    double h12 = 0;
    double h22 = 0;
    for (int c = 0; c < k; c++) {
      double r = Math.exp(logs[c] - lse);
      double d1 = x1 - means[c][0];
      double d2 = x2 - means[c][1];
      double[] p = precisions[c];
      double s1 = -(p[0] * d1 + p[1] * d2);
      double s2 = -(p[1] * d1 + p[2] * d2);
      g1 += r * s1;
      g2 += r * s2;
      h11 += r * (s1 * s1 - p[0]);
      h12 += r * (s1 * s2 - p[1]);
      h22 += r * (s2 * s2 - p[2]);
    }
    out[0] = g1;
    out[1] = g2;
    out[2] = h11 - g1 * g1;
    out[3] = h12 - g1 * g2;
    out[4] = h22 - g2 * g2;
  }

  double[][] sample(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] draws = new double[n][];
    for (int i = 0; i < n; i++) {
      int c = 0;
      double u = rng.nextDouble();
      while (c < k - 1 && u >= weights[c]) {
        u -= weights[c];
        c++;
      }
      double z1 = rng.nextGaussian();
      double z2 = rng.nextGaussian();
      double[] l = cholesky[c];
      draws[i] = new double[] {means[c][0] + l[0] * z1, means[c][1] + l[1] * z1 + l[2] * z2};
    }
    return draws;
  }
}
