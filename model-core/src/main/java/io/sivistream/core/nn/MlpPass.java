package io.sivistream.core.nn;

import io.sivistream.core.linalg.Kernels;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Forward and backward passes of an {@link Mlp} for a fixed batch size, with every intermediate
 * buffer allocated once. Not thread-safe; results are valid until the next call.
 */
public final class MlpPass {

  private final Mlp mlp;
  private final INDArray[] weights;
  private final INDArray[] biases;
  private final INDArray[] weightGrads;
  private final INDArray[] biasGrads;
  /** activations[0] is the input; activations[l] the output of layer l. */
  private final INDArray[] activations;
  private final INDArray[] deltas;
  private final INDArray ones;
  private final int n;

  MlpPass(Mlp mlp, INDArray params, INDArray grads, int n) {
    this.mlp = mlp;
    this.n = n;
    int layers = mlp.layers();
    DataType type = params.dataType();
    weights = new INDArray[layers];
    biases = new INDArray[layers];
    weightGrads = new INDArray[layers];
    biasGrads = new INDArray[layers];
    activations = new INDArray[layers + 1];
    deltas = new INDArray[layers + 1];
    for (int l = 0; l < layers; l++) {
      weights[l] = mlp.weight(params, l);
      biases[l] = mlp.bias(params, l);
      if (grads != null) {
        weightGrads[l] = mlp.weight(grads, l);
        biasGrads[l] = mlp.bias(grads, l);
      }
    }
    for (int l = 0; l <= layers; l++) {
      activations[l] = Nd4j.create(type, n, mlp.width(l));
      deltas[l] = Nd4j.create(type, n, mlp.width(l));
    }
    ones = Nd4j.ones(type, n, 1);
  }

  public int batch() {
    return n;
  }

  /** The output of layer l (after its activation) of the last forward pass; l = 0 is the input. */
  INDArray activation(int l) {
    return activations[l];
  }

  /** The weight matrix of layer l (in x out). */
  INDArray weight(int l) {
    return weights[l];
  }

  /**
   * Computes the network output for x (n x in). The input is copied, so the caller may reuse x.
   *
   * @return the output buffer (n x out), owned by this pass
   */
  public INDArray forward(INDArray x) {
    Kernels.copy(activations[0], x);
    int layers = mlp.layers();
    for (int l = 0; l < layers; l++) {
      INDArray out = activations[l + 1];
      // bias as a rank-1 gemm (ones x b), then accumulate x W: two BLAS calls, no broadcast copy
      Kernels.gemm(ones, biases[l], out, false, false, 1.0, 0.0);
      Kernels.gemm(activations[l], weights[l], out, false, false, 1.0, 1.0);
      if (l < layers - 1) {
        mlp.activation().forwardInPlace(out);
      }
    }
    return activations[layers];
  }

  /**
   * Backpropagates dL/d(output) through the last forward pass: writes dL/d(params) into the
   * gradient vector (overwriting it) and, when asked, returns dL/d(input).
   *
   * @param gradOutput dL/d(output), n x out; not modified
   * @param wantInputGrad whether to compute dL/d(input)
   * @return dL/d(input) (n x in, owned by this pass) or null
   */
  public INDArray backward(INDArray gradOutput, boolean wantInputGrad) {
    return backward(gradOutput, wantInputGrad, true);
  }

  /**
   * As {@link #backward(INDArray, boolean)}, optionally skipping the parameter gradients (when
   * only dL/d(input) is needed, e.g. the family's step through a fixed critic).
   */
  public INDArray backward(INDArray gradOutput, boolean wantInputGrad, boolean wantParamGrads) {
    int layers = mlp.layers();
    INDArray delta = gradOutput;
    for (int l = layers - 1; l >= 0; l--) {
      if (wantParamGrads && weightGrads[l] != null) {
        Kernels.gemm(activations[l], delta, weightGrads[l], true, false, 1.0, 0.0);
        Kernels.gemm(ones, delta, biasGrads[l], true, false, 1.0, 0.0);
      }
      if (l == 0 && !wantInputGrad) {
        return null;
      }
      INDArray previous = deltas[l];
      Kernels.gemm(delta, weights[l], previous, false, true, 1.0, 0.0);
      if (l > 0) {
        mlp.activation().backwardInPlace(previous, activations[l]);
      }
      delta = previous;
    }
    return delta;
  }
}
