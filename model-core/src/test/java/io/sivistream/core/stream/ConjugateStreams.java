package io.sivistream.core.stream;

import io.sivistream.core.critic.CriticConfig;
import io.sivistream.core.data.Dataset;
import io.sivistream.core.family.FamilyConfig;
import io.sivistream.core.nn.Gaussian;
import io.sivistream.core.target.LinearRegression;
import io.sivistream.core.target.NormalPrior;
import io.sivistream.core.train.TrainConfig;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The conjugate linear-Gaussian stream of the acceptance checks, with its exact (tempered)
 * recursive posterior in closed form.
 */
class ConjugateStreams {

  static final List<String> NAMES = List.of("intercept", "x1", "x2", "x3", "x4");
  static final double NOISE = 0.5;
  static final double PRIOR_SD = 10;

  final Dataset data;

  /** The same closed form over a given prefix of rows. */
  static final class Sliced extends ConjugateStreams {
    Sliced(Dataset rows) {
      super(rows);
    }
  }

  ConjugateStreams(Dataset rows) {
    this.data = rows;
  }

  /**
   * @param rows rows in the stream
   * @param driftAfter row after which x1 and x3's coefficients jump by +2 and -2 (or -1: none)
   */
  ConjugateStreams(int rows, int driftAfter, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] beta = {1.0, -0.5, 0.8, 0.3, -1.2};
    double[][] a = new double[rows][5];
    double[] y = new double[rows];
    for (int i = 0; i < rows; i++) {
      if (i == driftAfter) {
        beta = beta.clone();
        beta[1] += 2;
        beta[3] -= 2;
      }
      a[i][0] = 1;
      double eta = beta[0];
      for (int j = 1; j < 5; j++) {
        a[i][j] = Gaussian.next(rng);
        eta += beta[j] * a[i][j];
      }
      y[i] = eta + NOISE * Gaussian.next(rng);
    }
    data = new Dataset(NAMES, a, y, "synthetic");
  }

  ModelDefinition model(StreamConfig stream, long seed) {
    TrainConfig t = TrainConfig.DEFAULT;
    TrainConfig train = new TrainConfig(t.iterations(), t.batch(), t.dataBatch(), seed, t.familyLr(), t.criticLr(),
        t.lrDecayEvery(), t.lrDecayFactor(), t.scoreShift(), t.scoreShiftIterations(), t.annealIterations(),
        t.timeBudgetSeconds(), t.gaussianBaseline());
    return new ModelDefinition(NAMES, rows -> new LinearRegression(rows.features(), rows.labels(), NOISE, NAMES),
        NormalPrior.isotropic(5, PRIOR_SD), FamilyConfig.DEFAULT, CriticConfig.DEFAULT, train, stream);
  }

  /** Exact mean and covariance after windows of `windowRows` with forgetting lambda. */
  double[][] exact(int windowRows, double lambda) {
    int d = 5;
    double[][] p0 = new double[d][d];
    for (int j = 0; j < d; j++) {
      p0[j][j] = 1 / (PRIOR_SD * PRIOR_SD);
    }
    double[][] p = copy(p0);
    double[] h = new double[d];
    boolean first = true;
    for (int start = 0; start < data.rows(); start += windowRows) {
      if (!first) {
        for (int i = 0; i < d; i++) {
          h[i] *= lambda;
          for (int j = 0; j < d; j++) {
            p[i][j] = lambda * p[i][j] + (1 - lambda) * p0[i][j];
          }
        }
      }
      first = false;
      for (int r = start; r < Math.min(data.rows(), start + windowRows); r++) {
        double[] a = data.features()[r];
        for (int i = 0; i < d; i++) {
          h[i] += a[i] * data.labels()[r] / (NOISE * NOISE);
          for (int j = 0; j < d; j++) {
            p[i][j] += a[i] * a[j] / (NOISE * NOISE);
          }
        }
      }
    }
    double[][] cov = invert(p);
    double[] mean = new double[d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        mean[i] += cov[i][j] * h[j];
      }
    }
    double[][] out = new double[d + 1][];
    out[0] = mean;
    System.arraycopy(cov, 0, out, 1, d);
    return out;
  }

  private static double[][] copy(double[][] m) {
    double[][] c = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      c[i] = m[i].clone();
    }
    return c;
  }

  /** Gauss-Jordan inverse of a small SPD matrix. */
  static double[][] invert(double[][] m) {
    int n = m.length;
    double[][] a = new double[n][2 * n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(m[i], 0, a[i], 0, n);
      a[i][n + i] = 1;
    }
    for (int c = 0; c < n; c++) {
      double piv = a[c][c];
      for (int j = 0; j < 2 * n; j++) {
        a[c][j] /= piv;
      }
      for (int r = 0; r < n; r++) {
        if (r != c) {
          double f = a[r][c];
          for (int j = 0; j < 2 * n; j++) {
            a[r][j] -= f * a[c][j];
          }
        }
      }
    }
    double[][] inv = new double[n][n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(a[i], n, inv[i], 0, n);
    }
    return inv;
  }
}
