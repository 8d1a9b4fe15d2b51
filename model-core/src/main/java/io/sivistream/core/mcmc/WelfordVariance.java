package io.sivistream.core.mcmc;

import java.util.Arrays;

/**
 * Running per-coordinate mean and variance (Welford's algorithm) of the draws of a warmup window.
 * Mutable and per chain: it lives inside one chain's loop only.
 */
final class WelfordVariance {

  private final double[] mean;
  private final double[] m2;
  private int n;

  WelfordVariance(int dim) {
    mean = new double[dim];
    m2 = new double[dim];
  }

  void add(double[] x) {
    n++;
    for (int i = 0; i < mean.length; i++) {
      double delta = x[i] - mean[i];
      mean[i] += delta / n;
      m2[i] += delta * (x[i] - mean[i]);
    }
  }

  int count() {
    return n;
  }

  /**
   * Stan's regularised variance estimate: the sample variance shrunk towards 1e-3 with the weight of
   * 5 pseudo-draws, so that a short window cannot produce a degenerate metric.
   */
  void regularisedVariance(double[] out) {
    double w = n / (n + 5.0);
    for (int i = 0; i < mean.length; i++) {
      double var = n > 1 ? m2[i] / (n - 1) : 1.0;
      out[i] = w * var + 1e-3 * (5.0 / (n + 5.0));
    }
  }

  void reset() {
    n = 0;
    Arrays.fill(mean, 0);
    Arrays.fill(m2, 0);
  }
}
