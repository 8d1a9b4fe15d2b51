package io.sivistream.core.target;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A prior over the parameters: its log density need not be normalised or even known in closed
 * form (the streaming update uses the previous posterior, whose density is intractable); only its
 * score and Hessian-vector products are required for training.
 */
public interface Prior {

  int dim();

  /** Score and HVP at a batch of points, shape (n, d). */
  ScoreAt scoreAt(INDArray x);

  /** log density up to a constant at one point; NaN where it is not available. */
  double logDensity(double[] x);

  /** ∇ log density at one point. */
  double[] gradLogDensity(double[] x);

  /** Whether the log density is known to be concave (Gaussian priors are). */
  default boolean logConcave() {
    return false;
  }
}
