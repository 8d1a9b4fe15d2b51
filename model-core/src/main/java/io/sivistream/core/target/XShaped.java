package io.sivistream.core.target;

/**
 * The SIVI-SM paper's x-shaped target: ½ N(0, [[2, 1.8], [1.8, 2]]) + ½ N(0, [[2, −1.8], [−1.8, 2]]).
 * Mean 0, covariance 2 I.
 */
public final class XShaped extends PlanarTarget {

  private final GaussianMixture2d mixture = new GaussianMixture2d(
      new double[] {0.5, 0.5},
      new double[][] {{0, 0}, {0, 0}},
      new double[][] {{2, 1.8, 2}, {2, -1.8, 2}});

  @Override
  double logDensity(double x1, double x2) {
    return mixture.logDensity(x1, x2);
  }

  @Override
  void derivatives(double x1, double x2, double[] out) {
    mixture.derivatives(x1, x2, out);
  }

  @Override
  public double[][] sampleExact(int n, long seed) {
    checkSampleCount(n);
    return mixture.sample(n, seed);
  }
}
