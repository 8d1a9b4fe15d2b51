package io.sivistream.core.train;

import io.sivistream.core.linalg.Spd;

import io.sivistream.core.target.AffineFrame;
import io.sivistream.core.target.Target;
import java.util.SplittableRandom;
import io.sivistream.core.nn.Gaussian;

/**
 * Refines a Laplace start into a full-covariance Gaussian variational fit N(m, LLᵀ) by
 * reparameterised ELBO gradients (Titsias and Lázaro-Gredilla, 2014) on the exact double-precision
 * gradient of the target. For skewed log-concave posteriors (logistic and Poisson regression) its
 * mean and covariance are much closer to the posterior's than the mode and inverse Hessian, so
 * SIVI-SM starts near its optimum and only has to learn the non-Gaussian remainder.
 */
public final class GaussianStart {

  private GaussianStart() {}

  /**
   * @param start Laplace start (mode, sds, correlation)
   * @param steps Adam steps
   * @param draws Monte Carlo draws per step
   * @return the refined start in the same form, or the input when anything is not finite
   */
  public static LaplaceStart refine(Target target, LaplaceStart start, int steps, int draws, long seed) {
    // work in the start's standardised coordinates, so that step sizes mean the same for every
    // posterior width (a coefficient known to 0.01 and one known to 10 alike)
    AffineFrame frame = new AffineFrame(target, start.mode(), start.sd());
    LaplaceStart unit = new LaplaceStart(new double[target.dim()], ones(target.dim()), start.correlation());
    LaplaceStart fitted = refineUnit(frame, unit, steps, draws, seed);
    if (fitted == unit) {
      return start;
    }
    double[] mode = frame.toX(fitted.mode());
    double[] sd = new double[target.dim()];
    for (int j = 0; j < sd.length; j++) {
      sd[j] = fitted.sd()[j] * start.sd()[j];
    }
    return new LaplaceStart(mode, sd, fitted.correlation());
  }

  private static double[] ones(int d) {
    double[] o = new double[d];
    java.util.Arrays.fill(o, 1.0);
    return o;
  }

  private static LaplaceStart refineUnit(Target target, LaplaceStart start, int steps, int draws, long seed) {
    int d = target.dim();
    double[][] cov = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        cov[i][j] = start.correlation()[i][j] * start.sd()[i] * start.sd()[j];
      }
    }
    double[][] l = Spd.cholesky(cov);
    if (l == null) {
      return start;
    }
    double[] m = start.mode().clone();
    // parameters: m (d), lower-triangular L stored densely; log of the diagonal for positivity
    double[][] logDiag = new double[1][d];
    for (int j = 0; j < d; j++) {
      logDiag[0][j] = Math.log(l[j][j]);
    }
    Adam1 adamM = new Adam1(d);
    Adam1 adamL = new Adam1(d * d);
    SplittableRandom rng = new SplittableRandom(seed);
    double[] eps = new double[d];
    double[] x = new double[d];
    double[] gm = new double[d];
    double[] gl = new double[d * d];
    for (int t = 1; t <= steps; t++) {
      java.util.Arrays.fill(gm, 0);
      java.util.Arrays.fill(gl, 0);
      for (int s = 0; s < draws; s++) {
        for (int j = 0; j < d; j++) {
          eps[j] = Gaussian.next(rng);
        }
        for (int i = 0; i < d; i++) {
          double v = m[i];
          for (int j = 0; j < i; j++) {
            v += l[i][j] * eps[j];
          }
          v += Math.exp(logDiag[0][i]) * eps[i];
          x[i] = v;
        }
        double[] g = target.gradLogDensity(x);
        for (int i = 0; i < d; i++) {
          if (!Double.isFinite(g[i])) {
            return start;
          }
          gm[i] += g[i] / draws;
          for (int j = 0; j < i; j++) {
            gl[i * d + j] += g[i] * eps[j] / draws;
          }
          // d/dlog L_ii of (log p + entropy): g_i eps_i L_ii + 1
          gl[i * d + i] += (g[i] * eps[i] * Math.exp(logDiag[0][i])) / draws;
        }
      }
      for (int i = 0; i < d; i++) {
        gl[i * d + i] += 1.0;
      }
      double lr = 0.02 * Math.pow(0.05, (double) t / steps);
      adamM.ascend(m, gm, lr, t);
      double[] flat = new double[d * d];
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < i; j++) {
          flat[i * d + j] = l[i][j];
        }
        flat[i * d + i] = logDiag[0][i];
      }
      adamL.ascend(flat, gl, lr, t);
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < i; j++) {
          l[i][j] = flat[i * d + j];
        }
        logDiag[0][i] = flat[i * d + i];
      }
    }
    double[] sd = new double[d];
    double[][] corr = new double[d][d];
    double[][] full = new double[d][d];
    for (int i = 0; i < d; i++) {
      l[i][i] = Math.exp(logDiag[0][i]);
    }
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        double v = 0;
        for (int k = 0; k <= Math.min(i, j); k++) {
          v += l[i][k] * l[j][k];
        }
        full[i][j] = v;
      }
    }
    for (int i = 0; i < d; i++) {
      sd[i] = Math.sqrt(full[i][i]);
      if (!Double.isFinite(sd[i]) || !(sd[i] > 0) || !Double.isFinite(m[i])) {
        return start;
      }
    }
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        corr[i][j] = full[i][j] / (sd[i] * sd[j]);
      }
    }
    return new LaplaceStart(m, sd, corr);
  }

  /** Plain-Java Adam ascent on a flat vector. */
  private static final class Adam1 {
    private final double[] mom1;
    private final double[] mom2;

    Adam1(int n) {
      mom1 = new double[n];
      mom2 = new double[n];
    }

    void ascend(double[] p, double[] g, double lr, int t) {
      for (int i = 0; i < p.length; i++) {
        mom1[i] = 0.9 * mom1[i] + 0.1 * g[i];
        mom2[i] = 0.999 * mom2[i] + 0.001 * g[i] * g[i];
        double mh = mom1[i] / (1 - Math.pow(0.9, t));
        double vh = mom2[i] / (1 - Math.pow(0.999, t));
        p[i] += lr * mh / (Math.sqrt(vh) + 1e-8);
      }
    }
  }
}
