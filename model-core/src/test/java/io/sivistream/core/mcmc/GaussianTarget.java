package io.sivistream.core.mcmc;

import io.sivistream.core.target.ScoreAt;
import io.sivistream.core.target.Target;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Test-only N(mean, cov) target in plain Java; only the double path is implemented. */
public final class GaussianTarget implements Target {

  private final double[] mean;
  private final double[][] precision;
  private final List<String> names;

  public GaussianTarget(double[] mean, double[][] cov) {
    this.mean = mean.clone();
    this.precision = invert(cov);
    List<String> n = new ArrayList<>();
    for (int i = 0; i < mean.length; i++) {
      n.add("x" + (i + 1));
    }
    this.names = List.copyOf(n);
  }

  /** Independent coordinates with the given means and sds. */
  public static GaussianTarget diagonal(double[] mean, double[] sd) {
    double[][] cov = new double[sd.length][sd.length];
    for (int i = 0; i < sd.length; i++) {
      cov[i][i] = sd[i] * sd[i];
    }
    return new GaussianTarget(mean, cov);
  }

  @Override
  public int dim() {
    return mean.length;
  }

  @Override
  public List<String> parameterNames() {
    return names;
  }

  @Override
  public int dataRows() {
    return 0;
  }

  @Override
  public ScoreAt scoreAt(INDArray x, int[] rows) {
    throw new UnsupportedOperationException("test target: plain double path only");
  }

  @Override
  public double logDensity(double[] x) {
    double[] g = gradLogDensity(x);
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += (x[i] - mean[i]) * g[i];
    }
    return 0.5 * s;
  }

  @Override
  public double[] gradLogDensity(double[] x) {
    int d = mean.length;
    double[] g = new double[d];
    for (int i = 0; i < d; i++) {
      double s = 0;
      for (int j = 0; j < d; j++) {
        s -= precision[i][j] * (x[j] - mean[j]);
      }
      g[i] = s;
    }
    return g;
  }

  /** Gauss-Jordan inverse with partial pivoting (small test matrices only). */
  static double[][] invert(double[][] a) {
    int n = a.length;
    double[][] m = new double[n][2 * n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(a[i], 0, m[i], 0, n);
      m[i][n + i] = 1;
    }
    for (int c = 0; c < n; c++) {
      int p = c;
      for (int r = c + 1; r < n; r++) {
        if (Math.abs(m[r][c]) > Math.abs(m[p][c])) {
          p = r;
        }
      }
      double[] t = m[c];
      m[c] = m[p];
      m[p] = t;
      double piv = m[c][c];
      for (int j = 0; j < 2 * n; j++) {
        m[c][j] /= piv;
      }
      for (int r = 0; r < n; r++) {
        if (r != c) {
          double f = m[r][c];
          for (int j = 0; j < 2 * n; j++) {
            m[r][j] -= f * m[c][j];
          }
        }
      }
    }
    double[][] inv = new double[n][n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(m[i], n, inv[i], 0, n);
    }
    return inv;
  }
}
