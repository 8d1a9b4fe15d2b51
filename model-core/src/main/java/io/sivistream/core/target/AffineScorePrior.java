package io.sivistream.core.target;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A prior whose score is affine in x: s(x) = b − P x with a constant symmetric P (any Gaussian).
 * A GLM posterior starts its gemms from these arrays instead of adding the prior's terms
 * afterwards, which saves two allocations and two passes per score or Hessian-vector product in
 * the training loop.
 */
public interface AffineScorePrior extends Prior {

  /** A new array (n x d): the score at each row of x. */
  INDArray scoreRows(INDArray x);

  /** A new array (n x d): the Hessian −P applied to each row of v. */
  INDArray hessianRows(INDArray v);
}
