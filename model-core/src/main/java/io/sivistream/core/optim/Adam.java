package io.sivistream.core.optim;

import io.sivistream.core.linalg.Kernels;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adam (Kingma and Ba, 2015) on a flat parameter vector. The moments live in an explicit
 * {@link AdamState} value rather than inside the optimiser, so that they are checkpointed with
 * the rest of the posterior state.
 *
 * <p>For speed the step runs in place (one fused native op over the whole vector): callers that
 * need the old values keep a copy ({@link AdamState#copy()}).
 *
 * @param beta1 decay of the first moment
 * @param beta2 decay of the second moment
 * @param epsilon denominator guard
 */
public record Adam(double beta1, double beta2, double epsilon) {

  public static final Adam DEFAULT = new Adam(0.9, 0.999, 1e-8);

  /** Zero moments for a parameter vector shaped like params. */
  public AdamState init(INDArray params) {
    return new AdamState(Nd4j.zerosLike(params), Nd4j.zerosLike(params), 0);
  }

  /**
   * One descent step: params -= lr * mhat / (sqrt(vhat) + eps). Overwrites grad with the applied
   * update.
   *
   * @return the state after the step (same moment arrays, step count + 1)
   */
  public AdamState step(INDArray params, INDArray grad, AdamState state, double lr) {
    if (!Kernels.adam(params, grad, state.m(), state.v(), lr, beta1, beta2, epsilon, state.t())) {
      Nd4j.getExecutioner().exec(new AdamUpdater(grad, state.v(), state.m(), lr, beta1, beta2, epsilon, (int) state.t()));
      params.subi(grad);
    }
    return new AdamState(state.m(), state.v(), state.t() + 1);
  }
}
