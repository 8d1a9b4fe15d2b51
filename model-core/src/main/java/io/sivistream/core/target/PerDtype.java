package io.sivistream.core.target;

import java.util.function.Function;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An array built on first use for each floating data type and then kept, so that data matrices
 * are converted to FLOAT or DOUBLE once, not per call. A race builds the array twice, harmlessly.
 */
final class PerDtype {

  private final Function<DataType, INDArray> build;
  private volatile INDArray asDouble;
  private volatile INDArray asFloat;

  PerDtype(Function<DataType, INDArray> build) {
    this.build = build;
  }

  INDArray get(DataType type) {
    if (type == DataType.DOUBLE) {
      INDArray a = asDouble;
      if (a == null) {
        a = build.apply(DataType.DOUBLE);
        asDouble = a;
      }
      return a;
    }
    INDArray a = asFloat;
    if (a == null) {
      a = build.apply(DataType.FLOAT);
      asFloat = a;
    }
    return a;
  }
}
