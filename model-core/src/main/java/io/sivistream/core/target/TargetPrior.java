package io.sivistream.core.target;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A target used as a prior: p_0 × likelihood(some rows) as the prior of further rows. The
 * streaming update needs it when a window that is a uniform sample (weighted rows) arrives while
 * earlier windows' rows are still kept unweighted: their product is the sampled window's prior.
 */
public final class TargetPrior implements Prior {

  private final Target target;

  public TargetPrior(Target target) {
    this.target = target;
  }

  @Override
  public int dim() {
    return target.dim();
  }

  /** All of the target's rows: a prior is never minibatched. */
  @Override
  public ScoreAt scoreAt(INDArray x) {
    return target.scoreAt(x, null);
  }

  @Override
  public double logDensity(double[] x) {
    return target.logDensity(x);
  }

  @Override
  public double[] gradLogDensity(double[] x) {
    return target.gradLogDensity(x);
  }

  @Override
  public boolean logConcave() {
    return target.logConcave();
  }
}
