package io.sivistream.core.stream.prior;

import io.sivistream.core.family.FittedPosterior;
import io.sivistream.core.family.ReverseConditional;
import io.sivistream.core.target.Prior;
import io.sivistream.core.target.ScoreAt;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The previous window's fitted semi-implicit family, frozen, as the prior: q_t(x) with
 * x = center + scale * u and u following the family. Its density is intractable; its score and
 * Hessian-vector products come from the reverse conditional q_t(z | u)
 * ({@link ReverseConditional}), in the family's frame and mapped to x:
 * ∇_x log q_t(x) = ∇_u log q_t(u) / scale and ∇²_x log q_t(x) v = ∇²_u(v / scale) / scale.
 *
 * <p>Its bytes ({@link PriorCodec}) hold no weights: the stream's state already keeps the fitted
 * family, which is this prior; decoding takes it from there.
 */
public final class SemiImplicitPrior implements Prior {

  /**
   * Importance draws per particle and score evaluation. Measured: on waveform families fitted with
   * the Fisher step (sigma about 0.1 in the working frame) the weights' effective sample size was
   * close to the 8 draws; on a family fitted with the transport step at the same sigma it fell to
   * 1.02 (docs/streaming.md, "semi-implicit"), which is where the kind fails today.
   */
  public static final int DEFAULT_DRAWS = 8;
  /** Preconditioned ascent steps towards the reverse conditional's mode (exact in one for a linear family). */
  public static final int DEFAULT_ASCENT_STEPS = 3;

  private final FittedPosterior family;
  private final ReverseConditional reverse;
  private final double[] center;
  private final double[] invScale;

  /**
   * @param posterior the fitted family and its frame (the weights are copied)
   * @param draws importance draws per particle (even, >= 2)
   * @param ascentSteps ascent steps to the reverse conditional's mode (>= 1)
   * @param seed seed of the draws: a sequence of evaluations is a function of it
   */
  public SemiImplicitPrior(FittedPosterior posterior, int draws, int ascentSteps, long seed) {
    this.family = posterior;
    this.reverse = new ReverseConditional(posterior.family(), posterior.params(), draws, ascentSteps, seed);
    this.center = posterior.center();
    double[] scale = posterior.scale();
    this.invScale = new double[scale.length];
    for (int j = 0; j < scale.length; j++) {
      invScale[j] = 1.0 / scale[j];
    }
  }

  /** With the default number of draws and ascent steps. */
  public SemiImplicitPrior(FittedPosterior posterior, long seed) {
    this(posterior, DEFAULT_DRAWS, DEFAULT_ASCENT_STEPS, seed);
  }

  /** The frozen family this prior is. */
  public FittedPosterior posterior() {
    return family;
  }

  @Override
  public int dim() {
    return center.length;
  }

  @Override
  public ScoreAt scoreAt(INDArray x) {
    DataType type = PriorArrays.checkBatch(x, dim());
    int n = (int) x.rows();
    int d = dim();
    double[] xs = x.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    double[] u = new double[n * d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        u[i * d + j] = (xs[i * d + j] - center[j]) * invScale[j];
      }
    }
    ReverseConditional.Estimate e = reverse.estimate(Nd4j.create(u, new long[] {n, d}, 'c').castTo(type));
    double[] s = e.score().clone();
    scaleRows(s, n);
    INDArray score = Nd4j.create(s, new long[] {n, d}, 'c').castTo(type);
    return new ScoreAt() {
      @Override
      public INDArray score() {
        return score;
      }

      @Override
      public INDArray hessianVectorProduct(INDArray v) {
        PriorArrays.checkDirections(v, x);
        double[] vs = v.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        scaleRows(vs, n);
        double[] h = e.hessianVectorProduct(vs);
        scaleRows(h, n);
        return Nd4j.create(h, new long[] {n, d}, 'c').castTo(type);
      }
    };
  }

  private void scaleRows(double[] a, int n) {
    int d = dim();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        a[i * d + j] *= invScale[j];
      }
    }
  }

  /** Not available: the marginal density of a semi-implicit family has no closed form. */
  @Override
  public double logDensity(double[] x) {
    return Double.NaN;
  }

  /** The estimated score at one point (one evaluation of the batched estimator). */
  @Override
  public double[] gradLogDensity(double[] x) {
    PriorArrays.checkPoint(x, dim());
    return scoreAt(Nd4j.create(x, new long[] {1, x.length}, 'c')).score().toDoubleVector();
  }
}
