package io.sivistream.core.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Shared numerical checks: finite differences and array comparisons. */
final class Checks {

  static final double H = 1e-5;

  private Checks() {}

  static double[][] randomMatrix(int n, int d, double sd, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] m = new double[n][d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        m[i][j] = sd * rng.nextGaussian();
      }
    }
    return m;
  }

  static INDArray array(double[][] m) {
    return Nd4j.create(m);
  }

  /** Central differences of f at x. */
  static double[] fdGradient(ToDoubleFunction<double[]> f, double[] x) {
    double[] g = new double[x.length];
    for (int j = 0; j < x.length; j++) {
      double[] p = x.clone();
      double[] m = x.clone();
      p[j] += H;
      m[j] -= H;
      g[j] = (f.applyAsDouble(p) - f.applyAsDouble(m)) / (2 * H);
    }
    return g;
  }

  /** Central difference of the gradient g along v: ≈ ∇²f(x) v. */
  static double[] fdHvp(Function<double[], double[]> g, double[] x, double[] v) {
    double[] p = x.clone();
    double[] m = x.clone();
    for (int j = 0; j < x.length; j++) {
      p[j] += H * v[j];
      m[j] -= H * v[j];
    }
    double[] gp = g.apply(p);
    double[] gm = g.apply(m);
    double[] out = new double[x.length];
    for (int j = 0; j < x.length; j++) {
      out[j] = (gp[j] - gm[j]) / (2 * H);
    }
    return out;
  }

  /** |actual − expected| ≤ tol · (1 + |expected|) elementwise. */
  static void close(double[] actual, double[] expected, double tol, String what) {
    assertThat(actual).as(what).hasSameSizeAs(expected);
    for (int j = 0; j < expected.length; j++) {
      assertThat(Math.abs(actual[j] - expected[j]))
          .as("%s[%d]: %s vs %s", what, j, actual[j], expected[j])
          .isLessThanOrEqualTo(tol * (1 + Math.abs(expected[j])));
    }
  }

  static void close(double[][] actual, double[][] expected, double tol, String what) {
    assertThat(actual.length).as(what).isEqualTo(expected.length);
    for (int i = 0; i < expected.length; i++) {
      close(actual[i], expected[i], tol, what + " row " + i);
    }
  }

  static void close(INDArray actual, double[][] expected, double tol, String what) {
    close(actual.toDoubleMatrix(), expected, tol, what);
  }

  /** |a − b| ≤ tol · max|b|: a relative comparison for single precision. */
  static void closeRelative(INDArray a, INDArray b, double tol, String what) {
    double scale = Math.max(b.amaxNumber().doubleValue(), 1e-12);
    double err = a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    assertThat(err / scale).as(what).isLessThanOrEqualTo(tol);
  }

  /**
   * The checks every target must pass: plain gradient vs finite differences of the log density,
   * batched score vs plain gradient on all rows, batched HVP vs finite differences of the gradient,
   * and the FLOAT path vs the DOUBLE path.
   */
  static void checkTarget(Target t, double[][] points, long seed) {
    int n = points.length;
    double[][] dirs = randomMatrix(n, t.dim(), 1.0, seed + 1);
    double[][] fdScore = new double[n][];
    double[][] plainScore = new double[n][];
    double[][] fdHvp = new double[n][];
    for (int i = 0; i < n; i++) {
      fdScore[i] = fdGradient(t::logDensity, points[i]);
      plainScore[i] = t.gradLogDensity(points[i]);
      fdHvp[i] = fdHvp(t::gradLogDensity, points[i], dirs[i]);
    }
    close(plainScore, fdScore, 1e-6, "gradLogDensity vs finite differences");

    INDArray x = array(points);
    ScoreAt at = t.scoreAt(x, null);
    assertThat(at.score().dataType()).isEqualTo(DataType.DOUBLE);
    close(at.score(), plainScore, 1e-10, "scoreAt vs gradLogDensity");
    INDArray hvp = at.hessianVectorProduct(array(dirs));
    close(hvp, fdHvp, 1e-6, "HVP vs finite differences of the score");
    // A second HVP from the same ScoreAt must not be disturbed by cached intermediates.
    close(at.hessianVectorProduct(array(dirs)), fdHvp, 1e-6, "second HVP");

    INDArray xf = x.castTo(DataType.FLOAT);
    ScoreAt atf = t.scoreAt(xf, null);
    INDArray hvpf = atf.hessianVectorProduct(array(dirs).castTo(DataType.FLOAT));
    assertThat(atf.score().dataType()).isEqualTo(DataType.FLOAT);
    assertThat(hvpf.dataType()).isEqualTo(DataType.FLOAT);
    closeRelative(atf.score(), at.score(), 1e-4, "FLOAT score vs DOUBLE");
    closeRelative(hvpf, hvp, 1e-4, "FLOAT HVP vs DOUBLE");
  }
}
