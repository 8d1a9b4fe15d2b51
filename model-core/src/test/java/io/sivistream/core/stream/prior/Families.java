package io.sivistream.core.stream.prior;

import io.sivistream.core.family.FamilyConfig;
import io.sivistream.core.family.FittedPosterior;
import io.sivistream.core.family.SemiImplicitFamily;
import io.sivistream.core.nn.Activation;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Hand-built fitted posteriors with known (or numerically exact) scores, for tests. */
final class Families {

  private Families() {}

  static final double[] CENTER = {1.5, -2.0};
  static final double[] SCALE = {2.0, 0.5};
  /** skip (2 x 2) and sigma of the Gaussian family. */
  static final double[][] SKIP = {{0.9, 0.6}, {0.0, 0.5}};
  static final double[] SIGMA = {0.5, 0.4};

  /**
   * A family whose MLP is zero, so x = center + scale * (z W + sigma eps) is exactly Gaussian with
   * mean center and covariance diag(scale) (WᵀW + diag sigma²) diag(scale).
   */
  static FittedPosterior gaussian() {
    SemiImplicitFamily family = new SemiImplicitFamily(2, List.of("a", "b"), new FamilyConfig(2, List.of(8), false, 0.5));
    double[] p = new double[(int) family.paramCount()];
    int skipOffset = p.length - 4 - 2;
    for (int r = 0; r < 2; r++) {
      for (int j = 0; j < 2; j++) {
        p[skipOffset + 2 * r + j] = SKIP[r][j];
      }
    }
    p[p.length - 2] = Math.log(SIGMA[0]);
    p[p.length - 1] = Math.log(SIGMA[1]);
    return new FittedPosterior(family, p, CENTER, SCALE);
  }

  /** Exact covariance of {@link #gaussian()}. */
  static double[][] gaussianCov() {
    double[][] c = new double[2][2];
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        double s = 0;
        for (int r = 0; r < 2; r++) {
          s += SKIP[r][i] * SKIP[r][j];
        }
        if (i == j) {
          s += SIGMA[i] * SIGMA[i];
        }
        c[i][j] = s * SCALE[i] * SCALE[j];
      }
    }
    return c;
  }

  /** A curved (banana-like) 2-D family: latent 2, tanh MLP with large weights, small sigma. */
  static FittedPosterior curved() {
    SemiImplicitFamily family = new SemiImplicitFamily(2, List.of("a", "b"),
        new FamilyConfig(2, List.of(8), false, 0.3, Activation.TANH));
    double[] p = family.initParams(3);
    int mlpCount = p.length - 4 - 2;
    for (int i = 0; i < mlpCount; i++) {
      p[i] *= 6.0;
    }
    return new FittedPosterior(family, p, CENTER, SCALE);
  }

  /**
   * The density of a 2-latent family by quadrature over z on a g x g grid on [-6, 6]²: a weighted
   * mixture whose score is exact up to the quadrature error.
   *
   * @return {means [g²][d], sds [g²][d], log weights [1][g²]}
   */
  static double[][][] quadrature(FittedPosterior q, int g) {
    int n = g * g;
    double h = 12.0 / (g - 1);
    double[][] z = new double[n][2];
    double[] logW = new double[n];
    for (int a = 0; a < g; a++) {
      for (int b = 0; b < g; b++) {
        double z1 = -6 + a * h;
        double z2 = -6 + b * h;
        z[a * g + b][0] = z1;
        z[a * g + b][1] = z2;
        logW[a * g + b] = -0.5 * (z1 * z1 + z2 * z2);
      }
    }
    INDArray flat = Nd4j.createFromArray(q.params());
    var pass = q.family().pass(flat, null, n);
    double[][] mu = pass.sample(Nd4j.createFromArray(z), Nd4j.zeros(DataType.DOUBLE, n, 2)).toDoubleMatrix();
    double[] sig = pass.sigma().toDoubleVector();
    double[] c = q.center();
    double[] s = q.scale();
    double[][] means = new double[n][2];
    double[][] sds = new double[n][2];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 2; j++) {
        means[i][j] = c[j] + s[j] * mu[i][j];
        sds[i][j] = s[j] * sig[j];
      }
    }
    return new double[][][] {means, sds, {logW}};
  }

  /** Score of a weighted diagonal mixture at x. */
  static double[] mixtureScore(double[][][] mix, double[] x) {
    double[][] means = mix[0];
    double[][] sds = mix[1];
    double[] logW = mix[2][0];
    int n = means.length;
    double[] l = new double[n];
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < n; k++) {
      double s = logW[k];
      for (int j = 0; j < x.length; j++) {
        double u = (x[j] - means[k][j]) / sds[k][j];
        s -= 0.5 * u * u + Math.log(sds[k][j]);
      }
      l[k] = s;
      max = Math.max(max, s);
    }
    double total = 0;
    double[] g = new double[x.length];
    for (int k = 0; k < n; k++) {
      double r = Math.exp(l[k] - max);
      total += r;
      for (int j = 0; j < x.length; j++) {
        g[j] += r * (means[k][j] - x[j]) / (sds[k][j] * sds[k][j]);
      }
    }
    for (int j = 0; j < x.length; j++) {
      g[j] /= total;
    }
    return g;
  }

  /** Relative RMS error sqrt(Σ||a − b||² / Σ||b||²) over rows. */
  static double relativeRmse(double[][] a, double[][] b) {
    double num = 0;
    double den = 0;
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[i].length; j++) {
        double e = a[i][j] - b[i][j];
        num += e * e;
        den += b[i][j] * b[i][j];
      }
    }
    return Math.sqrt(num / den);
  }
}
