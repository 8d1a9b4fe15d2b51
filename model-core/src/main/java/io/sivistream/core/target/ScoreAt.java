package io.sivistream.core.target;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The score of a target at a fixed batch of points and data rows, with what is needed to
 * differentiate through it. Implementations cache intermediates so that the Hessian-vector product
 * reuses the work of the score.
 */
public interface ScoreAt {

  /** S(x_i) = ∇ log p(x_i) per row, shape (n, d). */
  INDArray score();

  /**
   * Row-wise Hessian-vector products: row i is ∇²log p(x_i) · v_i, with the same data rows and
   * rescaling as {@link #score()}.
   *
   * @param v directions, shape (n, d)
   */
  INDArray hessianVectorProduct(INDArray v);
}
