package io.sivistream.core.train;

import io.sivistream.core.linalg.Spd;

import io.sivistream.core.target.Target;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A cheap Gaussian starting point for a fit: the mode of the target (Adam on the exact gradient)
 * and, where the Hessian there is negative definite, the Laplace covariance (-H)^-1.
 *
 * <p>SIVI-SM then only has to refine it. The fit trains in the frame (mode, Laplace sds) and
 * starts its family at the Laplace correlation, which removes the slow, learning-rate-bound drift
 * from the origin to the posterior that dominates a cold start.
 *
 * @param mode the maximiser found (a stationary point; the origin's symmetric saddle for
 *     symmetric multimodal targets, which is the right centre for them)
 * @param sd marginal sds of the Laplace approximation, or 1 where it is not available
 * @param correlation Laplace correlation matrix (identity where not available)
 */
public record LaplaceStart(double[] mode, double[] sd, double[][] correlation) {

  /** Largest dimension for which the dense Hessian is formed and factorised. */
  public static final int DENSE_LIMIT = 1000;

  public static LaplaceStart of(Target target) {
    int d = target.dim();
    double[] x = findMode(target);
    double[] sd = new double[d];
    double[][] corr = identity(d);
    java.util.Arrays.fill(sd, 1.0);
    if (d <= DENSE_LIMIT) {
      double[][] negH = negativeHessian(target, x);
      double[][] cov = Spd.inverseSpd(negH);
      if (cov != null) {
        for (int j = 0; j < d; j++) {
          sd[j] = Math.sqrt(cov[j][j]);
        }
        for (int i = 0; i < d; i++) {
          for (int j = 0; j < d; j++) {
            corr[i][j] = cov[i][j] / (sd[i] * sd[j]);
          }
        }
      } else {
        fallbackDiagonal(negH, sd);
      }
    }
    return new LaplaceStart(x, sd, corr);
  }

  private static void fallbackDiagonal(double[][] negH, double[] sd) {
    for (int j = 0; j < sd.length; j++) {
      sd[j] = negH[j][j] > 0 ? Math.min(1.0, 1.0 / Math.sqrt(negH[j][j])) : 1.0;
    }
  }

  private static double[][] identity(int d) {
    double[][] m = new double[d][d];
    for (int i = 0; i < d; i++) {
      m[i][i] = 1;
    }
    return m;
  }

  /** Adam ascent on log p from the origin, with a decaying rate; deterministic. */
  static double[] findMode(Target target) {
    int d = target.dim();
    double[] x = new double[d];
    double[] m = new double[d];
    double[] v = new double[d];
    double b1 = 0.9;
    double b2 = 0.999;
    int steps = 3000;
    for (int t = 1; t <= steps; t++) {
      double[] g = target.gradLogDensity(x);
      double lr = 0.1 * Math.pow(0.01, (double) t / steps);
      double norm = 0;
      for (int j = 0; j < d; j++) {
        if (!Double.isFinite(g[j])) {
          return x;
        }
        m[j] = b1 * m[j] + (1 - b1) * g[j];
        v[j] = b2 * v[j] + (1 - b2) * g[j] * g[j];
        double mh = m[j] / (1 - Math.pow(b1, t));
        double vh = v[j] / (1 - Math.pow(b2, t));
        x[j] += lr * mh / (Math.sqrt(vh) + 1e-12);
        norm += g[j] * g[j];
      }
      if (norm < 1e-16) {
        break;
      }
    }
    return x;
  }

  /** -∇² log p(x) from d Hessian-vector products in one batched call. */
  static double[][] negativeHessian(Target target, double[] x) {
    int d = target.dim();
    INDArray points = Nd4j.create(DataType.DOUBLE, d, d);
    INDArray row = Nd4j.createFromArray(x).reshape(1, d);
    points.addiRowVector(row);
    INDArray h = target.scoreAt(points, null).hessianVectorProduct(Nd4j.eye(d).castTo(DataType.DOUBLE));
    double[][] hessian = h.toDoubleMatrix();
    double[][] negH = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        negH[i][j] = -0.5 * (hessian[i][j] + hessian[j][i]);
      }
    }
    return negH;
  }
}
