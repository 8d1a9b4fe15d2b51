package io.sivistream.core.target;

import io.sivistream.core.linalg.Kernels;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Independent normal prior x_j ~ N(0, sd_j²): score −x_j / sd_j², Hessian diag(−1 / sd_j²).
 *
 * <p>Usage: {@code new PosteriorTarget(NormalPrior.isotropic(d, 10), likelihood)}.
 */
public final class NormalPrior implements AffineScorePrior {

  private final double[] sds;
  /** −1 / sd_j², the diagonal of the Hessian. */
  private final double[] negPrecision;
  private final PerDtype negPrecisionRow;

  /**
   * @param sds standard deviation per parameter, each finite and > 0
   */
  public NormalPrior(double[] sds) {
    if (sds.length == 0) {
      throw new IllegalArgumentException("prior.sd must have at least one value");
    }
    this.sds = sds.clone();
    this.negPrecision = new double[sds.length];
    for (int j = 0; j < sds.length; j++) {
      if (!(sds[j] > 0) || !Double.isFinite(sds[j])) {
        throw new IllegalArgumentException("prior.sd[" + j + "] must be finite and > 0, got " + sds[j]);
      }
      negPrecision[j] = -1.0 / (sds[j] * sds[j]);
    }
    this.negPrecisionRow = new PerDtype(t -> Nd4j.create(negPrecision, new long[] {1, negPrecision.length}, t));
  }

  /** N(0, sd² I) in d dimensions. */
  public static NormalPrior isotropic(int d, double sd) {
    if (d < 1) {
      throw new IllegalArgumentException("prior dimension must be >= 1, got " + d);
    }
    if (!(sd > 0) || !Double.isFinite(sd)) {
      throw new IllegalArgumentException("prior.sd must be finite and > 0, got " + sd);
    }
    double[] sds = new double[d];
    Arrays.fill(sds, sd);
    return new NormalPrior(sds);
  }

  /** The standard deviations, a copy. */
  public double[] sds() {
    return sds.clone();
  }

  @Override
  public boolean logConcave() {
    return true;
  }

  @Override
  public int dim() {
    return sds.length;
  }

  @Override
  public ScoreAt scoreAt(INDArray x) {
    Batches.checkPoints(x, dim(), "x");
    INDArray score = times(x);
    return new ScoreAt() {
      @Override
      public INDArray score() {
        return score;
      }

      @Override
      public INDArray hessianVectorProduct(INDArray v) {
        Batches.checkDirection(v, x);
        return times(v);
      }
    };
  }

  @Override
  public INDArray scoreRows(INDArray x) {
    return times(x);
  }

  @Override
  public INDArray hessianRows(INDArray v) {
    return times(v);
  }

  /** v · diag(−1/sd²) as a new array: the prior score at v, or its Hessian applied to v. */
  INDArray times(INDArray v) {
    // every element is written below: no need to zero the new array first
    INDArray out = Nd4j.createUninitialized(v.dataType(), v.rows(), v.columns());
    Kernels.mulRows(out, v, negPrecisionRow.get(v.dataType()));
    return out;
  }

  /** −1 / sd_j², shared, do not modify. */
  double[] negPrecision() {
    return negPrecision;
  }

  @Override
  public double logDensity(double[] x) {
    Batches.checkLength(x, dim());
    double s = 0;
    for (int j = 0; j < x.length; j++) {
      s += negPrecision[j] * x[j] * x[j];
    }
    return 0.5 * s;
  }

  @Override
  public double[] gradLogDensity(double[] x) {
    Batches.checkLength(x, dim());
    double[] g = new double[x.length];
    for (int j = 0; j < x.length; j++) {
      g[j] = negPrecision[j] * x[j];
    }
    return g;
  }
}
