package io.sivistream.core.stream.prior;

import io.sivistream.core.linalg.Spd;

import io.sivistream.core.linalg.Kernels;
import io.sivistream.core.target.AffineScorePrior;
import io.sivistream.core.target.ScoreAt;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A multivariate normal N(m, C) used as a prior: candidate (b) of the streaming update, a Gaussian
 * fitted to draws of the previous posterior. The precision P = C⁻¹ comes from a Cholesky factor;
 * the score −P(x − m) of a batch is one gemm and the Hessian-vector product is −P v.
 *
 * <pre>{@code
 * GaussianPrior prior = GaussianPrior.fit(posterior.sample(4000, seed));
 * }</pre>
 *
 * <p>Immutable. Flat form ({@link #toArray()}): [d, mean (d), covariance (d*d, row-major)].
 */
public final class GaussianPrior implements AffineScorePrior {

  /** Relative ridge added to a fitted covariance so that it stays positive definite. */
  static final double FIT_RIDGE = 1e-9;

  private final double[] mean;
  private final double[][] cov;
  private final double[][] precision;
  private final double logNormaliser;
  private final Batched asDouble;
  private final Batched asFloat;

  /**
   * @param mean m, length d
   * @param cov C, d x d, symmetric positive definite (copied)
   */
  public GaussianPrior(double[] mean, double[][] cov) {
    int d = mean.length;
    if (d == 0) {
      throw new IllegalArgumentException("gaussian prior mean must have length >= 1, got 0");
    }
    if (cov.length != d) {
      throw new IllegalArgumentException("gaussian prior cov must be " + d + " x " + d + ", got " + cov.length + " rows");
    }
    for (int i = 0; i < d; i++) {
      if (cov[i].length != d) {
        throw new IllegalArgumentException("gaussian prior cov row " + i + " must have length " + d + ", got " + cov[i].length);
      }
      if (!Double.isFinite(mean[i])) {
        throw new IllegalArgumentException("gaussian prior mean must be finite, got " + mean[i] + " at " + i);
      }
      for (int j = 0; j < i; j++) {
        double tol = 1e-12 * (Math.abs(cov[i][j]) + Math.sqrt(Math.abs(cov[i][i] * cov[j][j])));
        if (!(Math.abs(cov[i][j] - cov[j][i]) <= tol)) {
          throw new IllegalArgumentException("gaussian prior cov must be symmetric, got cov[" + i + "][" + j + "] = " + cov[i][j]
              + " but cov[" + j + "][" + i + "] = " + cov[j][i]);
        }
      }
    }
    double[][] l = Spd.cholesky(cov);
    if (l == null) {
      throw new IllegalArgumentException("gaussian prior cov must be positive definite (its Cholesky factorisation failed); "
          + "fit it from more draws than dimensions or add a ridge");
    }
    this.mean = mean.clone();
    this.cov = PriorArrays.copy(cov);
    this.precision = Spd.inverseFromCholesky(l);
    this.logNormaliser = -0.5 * Spd.logDetFromCholesky(l) - 0.5 * d * Math.log(2 * Math.PI);
    double[] mp = new double[d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        mp[i] += precision[i][j] * mean[j];
      }
    }
    this.asDouble = new Batched(PriorArrays.matrix(precision, DataType.DOUBLE), PriorArrays.row(mp, DataType.DOUBLE),
        Nd4j.ones(DataType.DOUBLE, 1, mean.length));
    this.asFloat = new Batched(PriorArrays.matrix(precision, DataType.FLOAT), PriorArrays.row(mp, DataType.FLOAT),
        Nd4j.ones(DataType.FLOAT, 1, mean.length));
  }

  /**
   * The Gaussian with the sample mean and covariance (denominator n − 1) of the draws, plus a ridge
   * of 1e-9 · trace / d on the diagonal so that nearly degenerate draws still factorise.
   *
   * @param draws n x d, n >= 2
   */
  public static GaussianPrior fit(double[][] draws) {
    int n = draws.length;
    if (n < 2) {
      throw new IllegalArgumentException("gaussian prior fit needs at least 2 draws, got " + n);
    }
    int d = draws[0].length;
    double[] m = new double[d];
    for (double[] x : draws) {
      if (x.length != d) {
        throw new IllegalArgumentException("gaussian prior fit: every draw must have length " + d + ", got " + x.length);
      }
      for (int j = 0; j < d; j++) {
        m[j] += x[j];
      }
    }
    for (int j = 0; j < d; j++) {
      m[j] /= n;
    }
    double[][] c = new double[d][d];
    double[] dx = new double[d];
    for (double[] x : draws) {
      for (int j = 0; j < d; j++) {
        dx[j] = x[j] - m[j];
      }
      for (int i = 0; i < d; i++) {
        double di = dx[i];
        double[] ci = c[i];
        for (int j = 0; j <= i; j++) {
          ci[j] += di * dx[j];
        }
      }
    }
    double trace = 0;
    for (int i = 0; i < d; i++) {
      for (int j = 0; j <= i; j++) {
        c[i][j] /= n - 1;
        c[j][i] = c[i][j];
      }
      trace += c[i][i];
    }
    double ridge = FIT_RIDGE * trace / d;
    for (int i = 0; i < d; i++) {
      c[i][i] += ridge;
    }
    return new GaussianPrior(m, c);
  }

  public double[] mean() {
    return mean.clone();
  }

  public double[][] cov() {
    return PriorArrays.copy(cov);
  }

  /**
   * The tempered product q^λ · p_0^(1−λ) of this Gaussian q and a zero-mean independent normal
   * p_0 (sds), itself Gaussian: precision λP + (1−λ)D, mean (λP + (1−λ)D)⁻¹ λPm. Same score and
   * Hessian as {@link TemperedPrior} of the two, but a GLM posterior can fold it into its gemms.
   *
   * @return the product, or null when its precision cannot be inverted
   */
  public GaussianPrior temperedWith(double[] baseSds, double lambda) {
    int d = dim();
    if (baseSds.length != d) {
      throw new IllegalArgumentException("base prior has " + baseSds.length + " sds, expected " + d);
    }
    double[][] p = new double[d][d];
    double[] b = new double[d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        p[i][j] = lambda * precision[i][j];
        b[i] += lambda * precision[i][j] * mean[j];
      }
      p[i][i] += (1 - lambda) / (baseSds[i] * baseSds[i]);
    }
    double[][] c = Spd.inverseSpd(p);
    if (c == null) {
      return null;
    }
    double[] m = new double[d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        m[i] += c[i][j] * b[j];
      }
    }
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < i; j++) {
        double avg = 0.5 * (c[i][j] + c[j][i]);
        c[i][j] = avg;
        c[j][i] = avg;
      }
    }
    return new GaussianPrior(m, c);
  }

  /** P = C⁻¹ (a copy). */
  public double[][] precision() {
    return PriorArrays.copy(precision);
  }

  @Override
  public boolean logConcave() {
    return true;
  }

  @Override
  public int dim() {
    return mean.length;
  }

  @Override
  public ScoreAt scoreAt(INDArray x) {
    INDArray score = scoreRows(x);
    return new ScoreAt() {
      @Override
      public INDArray score() {
        return score.dup();
      }

      @Override
      public INDArray hessianVectorProduct(INDArray v) {
        PriorArrays.checkDirections(v, x);
        return hessianRows(v.castTo(x.dataType()));
      }
    };
  }

  @Override
  public INDArray scoreRows(INDArray x) {
    DataType t = PriorArrays.checkBatch(x, dim());
    Batched b = PriorArrays.pick(t, asDouble, asFloat);
    // −P(x − m) = (m P) − x P: one gemm, then the broadcast row
    INDArray score = Nd4j.createUninitialized(t, x.rows(), dim());
    Kernels.gemm(x, b.precision, score, false, false, -1.0, 0.0);
    Kernels.affineRows(score, score, b.ones, b.meanTimesPrecision);
    return score;
  }

  @Override
  public INDArray hessianRows(INDArray v) {
    DataType t = PriorArrays.checkBatch(v, dim());
    Batched b = PriorArrays.pick(t, asDouble, asFloat);
    INDArray out = Nd4j.createUninitialized(t, v.rows(), dim());
    Kernels.gemm(v, b.precision, out, false, false, -1.0, 0.0);
    return out;
  }

  /** The normalised log density log N(x; m, C). */
  @Override
  public double logDensity(double[] x) {
    PriorArrays.checkPoint(x, dim());
    double[] g = gradLogDensity(x);
    double q = 0;
    for (int j = 0; j < x.length; j++) {
      q += g[j] * (x[j] - mean[j]);
    }
    return 0.5 * q + logNormaliser;
  }

  @Override
  public double[] gradLogDensity(double[] x) {
    PriorArrays.checkPoint(x, dim());
    int d = dim();
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

  /** [d, mean (d), covariance (d*d row-major)]. */
  public double[] toArray() {
    int d = dim();
    double[] flat = new double[1 + d + d * d];
    flat[0] = d;
    System.arraycopy(mean, 0, flat, 1, d);
    PriorArrays.flatten(cov, flat, 1 + d);
    return flat;
  }

  /** Inverse of {@link #toArray()}. */
  public static GaussianPrior fromArray(double[] flat) {
    int d = PriorArrays.count(flat, 0, "gaussian prior dimension");
    PriorArrays.checkLength(flat, 1L + d + (long) d * d, "gaussian prior (d = " + d + ")");
    double[] m = java.util.Arrays.copyOfRange(flat, 1, 1 + d);
    return new GaussianPrior(m, PriorArrays.unflatten(flat, 1 + d, d, d));
  }

  private record Batched(INDArray precision, INDArray meanTimesPrecision, INDArray ones) {}
}
