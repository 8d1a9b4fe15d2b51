package io.sivistream.core.target;

/**
 * The SIVI-SM paper's multimodal target: ½ N((2, 0), I) + ½ N((−2, 0), I).
 * Mean 0, Var x1 = 5, Var x2 = 1.
 */
public final class Multimodal extends PlanarTarget {

  private final GaussianMixture2d mixture = new GaussianMixture2d(
      new double[] {0.5, 0.5},
      new double[][] {{2, 0}, {-2, 0}},
      new double[][] {{1, 0, 1}, {1, 0, 1}});

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
