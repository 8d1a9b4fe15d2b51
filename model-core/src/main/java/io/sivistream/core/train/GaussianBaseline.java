package io.sivistream.core.train;

import io.sivistream.core.linalg.Kernels;
import io.sivistream.core.linalg.Spd;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A running Gaussian approximation N(m, Σ) of the family's current marginal q(x), whose score
 * -P(x - m) (P = Σ^-1) serves as a fixed base of the critic: f(x) = net(x) + S(x) + P(x - m).
 *
 * <p>Why: the optimal critic is S - ∇log q. With this base the network only has to learn
 * ∇log q_gauss - ∇log q, the non-Gaussian part of the family's score, which is small and smooth;
 * the critic is then close to optimal from the first iteration instead of lagging behind the
 * family, which is what makes plain SIVI-SM slow and oscillatory. The objective is unchanged: the
 * base only enlarges the critic's function class, and the family's gradient at a fixed critic
 * stays exact. (m, P) are refreshed from exponential moving moments of the family's draws.
 */
final class GaussianBaseline {

  /** Beyond this dimension only the diagonal of P is kept (memory and cost grow as d²). */
  static final int DENSE_LIMIT = 256;

  private final int d;
  private final boolean dense;
  private final double rate;
  private final double[] mean;
  private final double[][] second;
  private INDArray precision;
  // -(m P) as a row, added to every row of P x to form P (x - m)
  private INDArray shift;
  // preallocated work arrays (n x 1 ones, 1 x d means, d x d second moments): this runs every iteration
  private INDArray ones;
  private INDArray colSum;
  private INDArray cross;

  GaussianBaseline(int d, double rate) {
    this.d = d;
    this.dense = d <= DENSE_LIMIT;
    this.rate = rate;
    this.mean = new double[d];
    this.second = dense ? new double[d][d] : new double[1][d];
  }

  /** Sets the moments from a batch (n x d) outright. */
  void reset(INDArray x) {
    accumulate(x, 1.0);
  }

  /** Moves the moments a step towards the batch (n x d). */
  void update(INDArray x) {
    accumulate(x, rate);
  }

  private void accumulate(INDArray x, double w) {
    int n = (int) x.rows();
    DataType type = x.dataType();
    if (colSum == null || colSum.dataType() != type) {
      colSum = Nd4j.create(type, 1, d);
      cross = dense ? Nd4j.create(type, d, d) : null;
    }
    Kernels.gemm(ones(n, type), x, colSum, true, false, 1.0 / n, 0.0);
    double[] m = colSum.castTo(DataType.DOUBLE).toDoubleVector();
    for (int j = 0; j < d; j++) {
      mean[j] = (1 - w) * mean[j] + w * m[j];
    }
    if (dense) {
      Kernels.gemm(x, x, cross, true, false, 1.0 / n, 0.0);
      double[][] c = cross.castTo(DataType.DOUBLE).toDoubleMatrix();
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          second[i][j] = (1 - w) * second[i][j] + w * c[i][j];
        }
      }
    } else {
      double[] c = x.mul(x).mean(0).castTo(DataType.DOUBLE).toDoubleVector();
      for (int j = 0; j < d; j++) {
        second[0][j] = (1 - w) * second[0][j] + w * c[j];
      }
    }
  }

  /** Recomputes (m, P) from the moments, in the given type. */
  void refresh(DataType type) {
    double[] mp = new double[d];
    if (dense) {
      double[][] cov = new double[d][d];
      double trace = 0;
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          cov[i][j] = second[i][j] - mean[i] * mean[j];
        }
        trace += cov[i][i];
      }
      for (int i = 0; i < d; i++) {
        cov[i][i] += 1e-6 * trace / d + 1e-12;
      }
      double[][] p = Spd.inverseSpd(cov);
      if (p == null) {
        p = new double[d][d];
        for (int i = 0; i < d; i++) {
          p[i][i] = 1.0 / Math.max(cov[i][i], 1e-12);
        }
      }
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          mp[j] -= mean[i] * p[i][j];
        }
      }
      precision = Nd4j.create(p).castTo(type);
    } else {
      double[] p = new double[d];
      for (int j = 0; j < d; j++) {
        p[j] = 1.0 / Math.max(second[0][j] - mean[j] * mean[j], 1e-12);
        mp[j] = -mean[j] * p[j];
      }
      precision = Nd4j.createFromArray(p).castTo(type).reshape(1, d);
    }
    shift = Nd4j.createFromArray(mp).castTo(type).reshape(1, d);
  }

  /** out += P (x - m), row-wise. */
  void addScoreGap(INDArray x, INDArray out) {
    addPrecisionTimes(x, 1.0, out);
    Kernels.gemm(ones((int) x.rows(), x.dataType()), shift, out, false, false, 1.0, 1.0);
  }

  /** A column of n ones, kept between calls. */
  private INDArray ones(int n, DataType type) {
    if (ones == null || ones.rows() != n || ones.dataType() != type) {
      ones = Nd4j.ones(type, n, 1);
    }
    return ones;
  }

  /** out += alpha P v, row-wise (P is symmetric). */
  void addPrecisionTimes(INDArray v, double alpha, INDArray out) {
    if (dense) {
      Kernels.gemm(v, precision, out, false, false, alpha, 1.0);
    } else {
      Kernels.addMulRows(out, v, precision.mul(alpha));
    }
  }
}
