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
        return fromCovariance(x, cov);
      }
      fallbackDiagonal(negH, sd);
    }
    return new LaplaceStart(x, sd, corr);
  }

  /** The approximation N(mode, cov) as mode, marginal sds and correlation. */
  private static LaplaceStart fromCovariance(double[] mode, double[][] cov) {
    int d = mode.length;
    double[] sd = new double[d];
    double[][] corr = new double[d][d];
    for (int j = 0; j < d; j++) {
      sd[j] = Math.sqrt(cov[j][j]);
    }
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        corr[i][j] = cov[i][j] / (sd[i] * sd[j]);
      }
    }
    return new LaplaceStart(mode, sd, corr);
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

  /**
   * The Laplace approximation by damped Newton steps from a point near the mode, for smooth
   * log-concave targets: each step solves (-H) s = ∇log p, halving s until the gradient norm
   * falls. Unlike {@link #of} (a first-order search from the origin), it reaches the mode to
   * rounding, so on a Gaussian target the result is the exact mean and covariance.
   *
   * @return the approximation, or null when the Hessian is not negative definite along the way
   */
  public static LaplaceStart newton(Target target, double[] start, int maxSteps) {
    return newton(target, start, maxSteps, Double.POSITIVE_INFINITY);
  }

  /**
   * As {@link #newton(Target, double[], int)}, but null unless the end point is the mode: its
   * Newton decrement gᵀ(-H)⁻¹g is below {@code maxDecrement}. Damped Newton stops early when a
   * step no longer lowers the gradient, and the point it stops at is then not the mode.
   */
  public static LaplaceStart newton(Target target, double[] start, int maxSteps, double maxDecrement) {
    int d = target.dim();
    double[] x = start.clone();
    double[] g = target.gradLogDensity(x);
    double[][] cov = null;
    for (int k = 0; k < maxSteps; k++) {
      cov = Spd.inverseSpd(negativeHessian(target, x));
      if (cov == null) {
        return null;
      }
      double[] step = new double[d];
      double size = 0;
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          step[i] += cov[i][j] * g[j];
        }
        size = Math.max(size, Math.abs(step[i]) / Math.sqrt(cov[i][i]));
      }
      if (size < 1e-9) {
        break;
      }
      double gradNorm = norm(g);
      double t = 1.0;
      double[] next = x;
      double[] nextG = g;
      for (int halvings = 0; halvings < 30; halvings++) {
        double[] trial = new double[d];
        for (int j = 0; j < d; j++) {
          trial[j] = x[j] + t * step[j];
        }
        double[] trialG = target.gradLogDensity(trial);
        if (isFinite(trialG) && norm(trialG) < gradNorm) {
          next = trial;
          nextG = trialG;
          break;
        }
        t *= 0.5;
      }
      if (next == x) {
        break;
      }
      x = next;
      g = nextG;
      cov = null; // computed at the previous point
    }
    if (cov == null) {
      cov = Spd.inverseSpd(negativeHessian(target, x));
    }
    if (cov == null || maxDecrement < Double.POSITIVE_INFINITY && !(decrement(g, cov) < maxDecrement)) {
      return null;
    }
    return fromCovariance(x, cov);
  }

  /** gᵀ C g. */
  private static double decrement(double[] g, double[][] cov) {
    double s = 0;
    for (int i = 0; i < g.length; i++) {
      for (int j = 0; j < g.length; j++) {
        s += g[i] * cov[i][j] * g[j];
      }
    }
    return s;
  }

  /**
   * How far a point lies from this approximation's mode, in its sds: the largest |point_j −
   * mode_j| / sd_j over the coordinates (the streaming update's mode gap, the batch fit's shift of
   * a Gaussian variational mean).
   */
  public double maxDistanceInSds(double[] point) {
    double gap = 0;
    for (int j = 0; j < mode.length; j++) {
      gap = Math.max(gap, Math.abs(point[j] - mode[j]) / sd[j]);
    }
    return gap;
  }

  /** The covariance diag(sd) C diag(sd). */
  public double[][] covariance() {
    int d = sd.length;
    double[][] c = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        c[i][j] = sd[i] * correlation[i][j] * sd[j];
      }
    }
    return c;
  }

  private static double norm(double[] g) {
    double s = 0;
    for (double v : g) {
      s += v * v;
    }
    return Math.sqrt(s);
  }

  private static boolean isFinite(double[] g) {
    for (double v : g) {
      if (!Double.isFinite(v)) {
        return false;
      }
    }
    return true;
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
