package io.sivistream.core.target;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A log likelihood summed over data rows: Σ_i log p(y_i | a_i, x). Implementations hold their own
 * rows (design matrix and responses).
 */
public interface Likelihood {

  int dim();

  List<String> parameterNames();

  int rows();

  /**
   * Score and HVP of the log likelihood on the given rows (all rows when null), multiplied by
   * {@code scale} (the minibatch rescaling rows() / rows.length is the caller's choice).
   */
  ScoreAt scoreAt(INDArray x, int[] rows, double scale);

  double logDensity(double[] x);

  double[] gradLogDensity(double[] x);
}
