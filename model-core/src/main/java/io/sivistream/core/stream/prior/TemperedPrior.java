package io.sivistream.core.stream.prior;

import io.sivistream.core.target.Prior;
import io.sivistream.core.target.ScoreAt;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The recursive prior with forgetting: p(x) ∝ q_t(x)^λ · p_0(x)^(1−λ) for λ in (0, 1], whose score
 * and Hessian-vector products are λ · (those of q_t) + (1 − λ) · (those of p_0). With λ = 1 the base
 * is never evaluated. λ &lt; 1 pulls the prior back towards p_0, so that old windows fade and the
 * posterior can follow drift.
 *
 * <p>Immutable; serialised by {@link PriorCodec} as λ plus its two nested priors.
 */
public final class TemperedPrior implements Prior {

  private final Prior previous;
  private final Prior base;
  private final double lambda;

  /**
   * @param previous the summarised previous posterior q_t
   * @param base the base prior p_0, same dimension
   * @param lambda the forgetting factor λ, in (0, 1]
   */
  public TemperedPrior(Prior previous, Prior base, double lambda) {
    if (previous == null || base == null) {
      throw new IllegalArgumentException("tempered prior needs both a previous posterior and a base prior, got "
          + (previous == null ? "no previous" : "no base"));
    }
    if (!(lambda > 0 && lambda <= 1)) {
      throw new IllegalArgumentException("stream.forgetting must be in (0, 1], got " + lambda);
    }
    if (previous.dim() != base.dim()) {
      throw new IllegalArgumentException("tempered prior: previous has dimension " + previous.dim() + " but base has " + base.dim());
    }
    this.previous = previous;
    this.base = base;
    this.lambda = lambda;
  }

  public Prior previous() {
    return previous;
  }

  public Prior base() {
    return base;
  }

  public double lambda() {
    return lambda;
  }

  /** A positive combination of concave log densities is concave. */
  @Override
  public boolean logConcave() {
    return previous.logConcave() && (lambda == 1.0 || base.logConcave());
  }

  @Override
  public int dim() {
    return previous.dim();
  }

  @Override
  public ScoreAt scoreAt(INDArray x) {
    ScoreAt p = previous.scoreAt(x);
    if (lambda == 1.0) {
      return p;
    }
    ScoreAt b = base.scoreAt(x);
    double rest = 1.0 - lambda;
    return new ScoreAt() {
      @Override
      public INDArray score() {
        // not in place: a foreign prior may hand out its cached arrays
        return p.score().mul(lambda).addi(b.score().mul(rest));
      }

      @Override
      public INDArray hessianVectorProduct(INDArray v) {
        return p.hessianVectorProduct(v).mul(lambda).addi(b.hessianVectorProduct(v).mul(rest));
      }
    };
  }

  /** λ log q_t + (1 − λ) log p_0 (unnormalised); NaN when either is unknown. */
  @Override
  public double logDensity(double[] x) {
    double lp = previous.logDensity(x);
    return lambda == 1.0 ? lp : lambda * lp + (1.0 - lambda) * base.logDensity(x);
  }

  @Override
  public double[] gradLogDensity(double[] x) {
    double[] g = previous.gradLogDensity(x);
    if (lambda == 1.0) {
      return g;
    }
    double[] gb = base.gradLogDensity(x);
    for (int j = 0; j < g.length; j++) {
      g[j] = lambda * g[j] + (1.0 - lambda) * gb[j];
    }
    return g;
  }
}
