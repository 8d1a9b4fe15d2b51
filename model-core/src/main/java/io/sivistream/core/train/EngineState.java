package io.sivistream.core.train;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import io.sivistream.core.optim.AdamState;

/**
 * Everything the SIVI-SM iteration needs to continue: both networks' flat parameters, their Adam
 * moments and the iteration counter.
 */
public record EngineState(INDArray familyParams, INDArray criticParams, AdamState familyOpt, AdamState criticOpt, long iteration) {

  public DataType dataType() {
    return familyParams.dataType();
  }
}
