package io.sivistream.core.target;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Linear regression likelihood with known noise: y_i ~ N(a_i · x, s²).
 * log p = −‖y − A x‖² / (2 s²); score Aᵀ(y − A x) / s²; Hessian −AᵀA / s².
 *
 * <p>The log density is quadratic, so on all rows both paths use AᵀA and Aᵀy computed once:
 * O(d²) per point instead of O(rows · d). Minibatches use the generic GLM path.
 */
public final class LinearRegression extends GlmLikelihood {

  private final double noiseSd;
  private final double invNoiseVar;
  /** AᵀA, row-major [dim * dim]. */
  private final double[] ata;
  private final double[] aty;
  private final double yty;

  /**
   * @param features design matrix [rows][names.size()]
   * @param y responses
   * @param noiseSd known noise standard deviation s, finite and > 0
   * @param names feature names (the coefficients' names)
   */
  public LinearRegression(double[][] features, double[] y, double noiseSd, List<String> names) {
    super(features, y, names);
    if (!(noiseSd > 0) || !Double.isFinite(noiseSd)) {
      throw new IllegalArgumentException("noise.sd must be finite and > 0, got " + noiseSd);
    }
    this.noiseSd = noiseSd;
    this.invNoiseVar = 1.0 / (noiseSd * noiseSd);
    this.ata = new double[dim * dim];
    this.aty = new double[dim];
    double yy = 0;
    for (int i = 0; i < rows; i++) {
      int off = i * dim;
      for (int j = 0; j < dim; j++) {
        double aij = a[off + j];
        aty[j] += aij * this.y[i];
        for (int k = 0; k < dim; k++) {
          ata[j * dim + k] += aij * a[off + k];
        }
      }
      yy += this.y[i] * this.y[i];
    }
    this.yty = yy;
  }

  public double noiseSd() {
    return noiseSd;
  }

  @Override
  ScoreAt scoreAt(INDArray x, int[] rows, double scale, AffineScorePrior affinePrior) {
    if (rows != null || !(affinePrior == null || affinePrior instanceof NormalPrior)) {
      return super.scoreAt(x, rows, scale, affinePrior);
    }
    NormalPrior prior = (NormalPrior) affinePrior;
    Batches.checkPoints(x, dim, "x");
    DataType type = x.dataType();
    int n = x.rows();
    // score(x) = b + x M with M = −(scale/s²) AᵀA + diag(prior), b = (scale/s²) Aᵀy; M is symmetric.
    double c = scale * invNoiseVar;
    double[] m = new double[dim * dim];
    for (int i = 0; i < m.length; i++) {
      m[i] = -c * ata[i];
    }
    if (prior != null) {
      double[] np = prior.negPrecision();
      for (int j = 0; j < dim; j++) {
        m[j * dim + j] += np[j];
      }
    }
    // b tiled over the n rows in Java, so that one gemm (beta = 1) gives the whole score.
    double[] tiled = new double[n * dim];
    for (int j = 0; j < dim; j++) {
      tiled[j] = c * aty[j];
    }
    for (int i = 1; i < n; i++) {
      System.arraycopy(tiled, 0, tiled, i * dim, dim);
    }
    INDArray hessian = Batches.matrix(m, dim, dim, type);
    INDArray score = Nd4j.gemm(x, hessian, Batches.matrix(tiled, n, dim, type), false, false, 1.0, 1.0);
    return new ScoreAt() {
      @Override
      public INDArray score() {
        return score;
      }

      @Override
      public INDArray hessianVectorProduct(INDArray v) {
        Batches.checkDirection(v, x);
        return Nd4j.gemm(v, hessian, false, false);
      }
    };
  }

  @Override
  Link link(INDArray eta, INDArray yRow, INDArray residual) {
    return new Link(eta.rsubiRowVector(yRow), null, invNoiseVar);
  }

  @Override
  public double logDensity(double[] x) {
    Batches.checkLength(x, dim);
    // ‖y − A x‖² = xᵀAᵀA x − 2 xᵀAᵀy + yᵀy
    double quad = 0;
    double lin = 0;
    for (int j = 0; j < dim; j++) {
      double s = 0;
      int off = j * dim;
      for (int k = 0; k < dim; k++) {
        s += ata[off + k] * x[k];
      }
      quad += x[j] * s;
      lin += x[j] * aty[j];
    }
    return -0.5 * invNoiseVar * (quad - 2 * lin + yty);
  }

  @Override
  public double[] gradLogDensity(double[] x) {
    Batches.checkLength(x, dim);
    double[] g = new double[dim];
    for (int j = 0; j < dim; j++) {
      double s = aty[j];
      int off = j * dim;
      for (int k = 0; k < dim; k++) {
        s -= ata[off + k] * x[k];
      }
      g[j] = invNoiseVar * s;
    }
    return g;
  }
}
