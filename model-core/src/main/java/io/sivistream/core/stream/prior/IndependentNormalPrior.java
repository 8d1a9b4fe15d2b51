package io.sivistream.core.stream.prior;

import io.sivistream.core.target.Prior;
import io.sivistream.core.target.ScoreAt;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The base prior p_0 = N(0, diag sds²) as a value this package can serialise: the score is
 * −x / sds² and the Hessian-vector product −v / sds².
 *
 * <p>It is the same distribution as {@code io.sivistream.core.target.NormalPrior(sds)}; convert with
 * {@code new IndependentNormalPrior(normalPrior.sds())} before handing a base prior to
 * {@link PriorCodec} (kind byte 'N').
 *
 * <p>Immutable. Flat form ({@link #toArray()}): [d, sds (d)].
 */
public final class IndependentNormalPrior implements Prior {

  private final double[] sds;
  private final INDArray negPrecisionDouble;
  private final INDArray negPrecisionFloat;
  private final double logNormaliser;

  /** @param sds prior standard deviations, each finite and > 0 */
  public IndependentNormalPrior(double[] sds) {
    if (sds.length == 0) {
      throw new IllegalArgumentException("normal prior sds must have length >= 1, got 0");
    }
    double[] negPrecision = new double[sds.length];
    double logNorm = 0;
    for (int j = 0; j < sds.length; j++) {
      double s = sds[j];
      if (!(s > 0) || !Double.isFinite(s)) {
        throw new IllegalArgumentException("prior.sd must be finite and > 0, got " + s + " at index " + j);
      }
      negPrecision[j] = -1.0 / (s * s);
      logNorm -= Math.log(s) + 0.5 * Math.log(2 * Math.PI);
    }
    this.sds = sds.clone();
    this.logNormaliser = logNorm;
    this.negPrecisionDouble = PriorArrays.row(negPrecision, DataType.DOUBLE);
    this.negPrecisionFloat = PriorArrays.row(negPrecision, DataType.FLOAT);
  }

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
    DataType t = PriorArrays.checkBatch(x, dim());
    INDArray negPrecision = PriorArrays.pick(t, negPrecisionDouble, negPrecisionFloat);
    INDArray score = x.mulRowVector(negPrecision);
    return new ScoreAt() {
      @Override
      public INDArray score() {
        return score.dup();
      }

      @Override
      public INDArray hessianVectorProduct(INDArray v) {
        PriorArrays.checkDirections(v, x);
        return v.castTo(t).mulRowVector(negPrecision);
      }
    };
  }

  /** The normalised log density. */
  @Override
  public double logDensity(double[] x) {
    PriorArrays.checkPoint(x, dim());
    double s = logNormaliser;
    for (int j = 0; j < x.length; j++) {
      double u = x[j] / sds[j];
      s -= 0.5 * u * u;
    }
    return s;
  }

  @Override
  public double[] gradLogDensity(double[] x) {
    PriorArrays.checkPoint(x, dim());
    double[] g = new double[x.length];
    for (int j = 0; j < x.length; j++) {
      g[j] = -x[j] / (sds[j] * sds[j]);
    }
    return g;
  }

  /** [d, sds (d)]. */
  public double[] toArray() {
    double[] flat = new double[1 + sds.length];
    flat[0] = sds.length;
    System.arraycopy(sds, 0, flat, 1, sds.length);
    return flat;
  }

  /** Inverse of {@link #toArray()}. */
  public static IndependentNormalPrior fromArray(double[] flat) {
    int d = PriorArrays.count(flat, 0, "normal prior dimension");
    PriorArrays.checkLength(flat, 1L + d, "normal prior (d = " + d + ")");
    return new IndependentNormalPrior(java.util.Arrays.copyOfRange(flat, 1, 1 + d));
  }
}
