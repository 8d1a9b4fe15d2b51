package io.sivistream.core.nn;

import io.sivistream.core.linalg.Kernels;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Input Jacobians of an {@link Mlp} at a batch of n points, by forward-mode propagation of all
 * `in` unit tangents at once: the tangents of the n points are stacked into one (n·in x width)
 * matrix per layer, so each layer costs one gemm, and the activation's derivative at point i
 * masks the rows of point i. Buffers are allocated once for the batch size. Not thread-safe.
 */
public final class MlpJacobian {

  private final MlpPass pass;
  private final int n;
  private final int in;
  private final INDArray[] tangents;
  private final INDArray[] expanded;

  /** Jacobians at the points of the given pass's forward calls. */
  public MlpJacobian(MlpPass pass, Mlp mlp) {
    this.pass = pass;
    this.n = pass.batch();
    this.in = mlp.inputDim();
    int layers = mlp.layers();
    tangents = new INDArray[layers + 1];
    expanded = new INDArray[layers];
    org.nd4j.linalg.api.buffer.DataType type = pass.weight(0).dataType();
    for (int l = 1; l <= layers; l++) {
      tangents[l] = Nd4j.create(type, (long) n * in, mlp.width(l));
      if (l < layers) {
        expanded[l] = Nd4j.create(type, (long) n * in, mlp.width(l));
      }
    }
    this.mlp = mlp;
  }

  private final Mlp mlp;

  /**
   * Runs the forward pass at x (n x in) and returns the Jacobians: row i·in + c is ∂out(x_i)/∂x_ic
   * (length out). The array is owned by this object.
   */
  public INDArray at(INDArray x) {
    pass.forward(x);
    int layers = mlp.layers();
    // layer 0: the tangent e_c times W_0 is row c of W_0, for every point
    INDArray w0 = pass.weight(0);
    for (int i = 0; i < n; i++) {
      tangents[1].get(org.nd4j.linalg.indexing.NDArrayIndex.interval((long) i * in, (long) (i + 1) * in),
          org.nd4j.linalg.indexing.NDArrayIndex.all()).assign(w0);
    }
    for (int l = 1; l <= layers; l++) {
      if (l > 1) {
        Kernels.gemm(tangents[l - 1], pass.weight(l - 1), tangents[l], false, false, 1.0, 0.0);
      }
      if (l < layers) {
        // the derivative of the activation at point i scales the tangents of point i
        repeatRows(pass.activation(l), expanded[l]);
        mlp.activation().backwardInPlace(tangents[l], expanded[l]);
      }
    }
    return tangents[layers];
  }

  private void repeatRows(INDArray source, INDArray target) {
    long width = source.columns();
    double[] src = source.dup('c').data().asDouble();
    double[] out = new double[(int) (n * in * width)];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < in; c++) {
        System.arraycopy(src, (int) (i * width), out, (int) ((i * in + c) * width), (int) width);
      }
    }
    target.assign(Nd4j.create(out, new long[] {(long) n * in, width}, 'c').castTo(target.dataType()));
  }
}
