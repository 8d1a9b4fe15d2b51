package io.sivistream.core.optim;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adam's moments and step count.
 *
 * @param m first moment, shaped like the parameters
 * @param v second moment
 * @param t steps taken
 */
public record AdamState(INDArray m, INDArray v, long t) {

  public AdamState copy() {
    return new AdamState(m.dup(), v.dup(), t);
  }

  /** A copy written into target's arrays (shaped like these), avoiding an allocation. */
  public AdamState copyInto(AdamState target) {
    io.sivistream.core.linalg.Kernels.copy(target.m(), m);
    io.sivistream.core.linalg.Kernels.copy(target.v(), v);
    return new AdamState(target.m(), target.v(), t);
  }
}
