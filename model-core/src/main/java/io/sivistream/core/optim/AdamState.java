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
}
