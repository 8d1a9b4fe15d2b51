package io.sivistream.core.target;

import java.util.List;
import java.util.SplittableRandom;

/** Small synthetic regression data sets with fixed seeds. */
final class Fixtures {

  static final int ROWS = 60;
  static final List<String> NAMES = List.of("intercept", "a", "b", "c");
  static final double[] TRUTH = {0.3, -0.5, 0.8, 0.2};

  private Fixtures() {}

  /** Intercept plus three standard normal features. */
  static double[][] features(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] f = new double[ROWS][NAMES.size()];
    for (int i = 0; i < ROWS; i++) {
      f[i][0] = 1;
      for (int j = 1; j < f[i].length; j++) {
        f[i][j] = rng.nextGaussian();
      }
    }
    return f;
  }

  static double eta(double[] row) {
    double s = 0;
    for (int j = 0; j < row.length; j++) {
      s += row[j] * TRUTH[j];
    }
    return s;
  }

  static LinearRegression linear(long seed) {
    double[][] f = features(seed);
    SplittableRandom rng = new SplittableRandom(seed + 100);
    double[] y = new double[ROWS];
    for (int i = 0; i < ROWS; i++) {
      y[i] = eta(f[i]) + 0.5 * rng.nextGaussian();
    }
    return new LinearRegression(f, y, 0.5, NAMES);
  }

  static LogisticRegression logistic(long seed) {
    double[][] f = features(seed);
    SplittableRandom rng = new SplittableRandom(seed + 100);
    double[] y = new double[ROWS];
    for (int i = 0; i < ROWS; i++) {
      y[i] = rng.nextDouble() < 1 / (1 + Math.exp(-eta(f[i]))) ? 1 : 0;
    }
    return new LogisticRegression(f, y, NAMES);
  }

  static PoissonRegression poisson(long seed) {
    double[][] f = features(seed);
    SplittableRandom rng = new SplittableRandom(seed + 100);
    double[] y = new double[ROWS];
    for (int i = 0; i < ROWS; i++) {
      // Poisson draw by inversion; rates are small here.
      double rate = Math.exp(eta(f[i]));
      double u = rng.nextDouble();
      double p = Math.exp(-rate);
      double c = p;
      int k = 0;
      while (u > c && k < 100) {
        k++;
        p *= rate / k;
        c += p;
      }
      y[i] = k;
    }
    return new PoissonRegression(f, y, NAMES);
  }

  static List<GlmLikelihood> likelihoods() {
    return List.of(linear(1), logistic(2), poisson(3));
  }
}
