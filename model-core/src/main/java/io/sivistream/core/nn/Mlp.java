package io.sivistream.core.nn;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A fully connected network (hidden layers with one activation, linear output) whose weights live
 * in one flat parameter vector, so that optimiser steps, snapshots and checkpoints are single
 * array operations. Forward and backward passes are hand-written (a few gemms and fused
 * elementwise ops per layer) and run through an {@link MlpPass} holding preallocated buffers.
 *
 * <p>Layout of the flat vector: for each layer l, W_l (in x out, row-major) then b_l (out).
 */
public final class Mlp {

  private final int[] widths;
  private final Activation activation;
  private final long[] weightOffsets;
  private final long[] biasOffsets;
  private final long paramCount;

  /**
   * @param widths layer widths including input and output, e.g. {10, 100, 100, 22}
   * @param activation hidden-layer activation
   */
  public Mlp(int[] widths, Activation activation) {
    if (widths.length < 2) {
      throw new IllegalArgumentException("an MLP needs at least input and output widths, got " + Arrays.toString(widths));
    }
    this.widths = widths.clone();
    this.activation = activation;
    int layers = widths.length - 1;
    weightOffsets = new long[layers];
    biasOffsets = new long[layers];
    long offset = 0;
    for (int l = 0; l < layers; l++) {
      weightOffsets[l] = offset;
      offset += (long) widths[l] * widths[l + 1];
      biasOffsets[l] = offset;
      offset += widths[l + 1];
    }
    paramCount = offset;
  }

  public int layers() {
    return widths.length - 1;
  }

  public int width(int i) {
    return widths[i];
  }

  public int inputDim() {
    return widths[0];
  }

  public int outputDim() {
    return widths[widths.length - 1];
  }

  public Activation activation() {
    return activation;
  }

  public long paramCount() {
    return paramCount;
  }

  /**
   * Initial weights: He-scaled normal for hidden layers, the output layer scaled by outputScale
   * (small, so the network starts close to its bias), zero biases.
   */
  public double[] initParams(long seed, double outputScale) {
    double[] p = new double[Math.toIntExact(paramCount)];
    SplittableRandom rng = new SplittableRandom(seed);
    for (int l = 0; l < layers(); l++) {
      int in = widths[l];
      int out = widths[l + 1];
      double scale = Math.sqrt(2.0 / in) * (l == layers() - 1 ? outputScale : 1.0);
      int off = (int) weightOffsets[l];
      for (int i = 0; i < in * out; i++) {
        p[off + i] = scale * Gaussian.next(rng);
      }
    }
    return p;
  }

  /**
   * Maps the first {@code a.length} outputs by a dense matrix, in place: o' = A o for those
   * outputs (last layer's weights and biases), the others unchanged.
   *
   * @param flat parameters, changed in place
   * @param a square matrix, at most as large as the output
   */
  public void transformOutput(double[] flat, double[][] a) {
    int last = layers() - 1;
    int inL = widths[last];
    int out = widths[last + 1];
    int m = a.length;
    if (m > out) {
      throw new IllegalArgumentException("a " + m + "-square map for " + out + " outputs");
    }
    int w = (int) weightOffsets[last];
    int bo = (int) biasOffsets[last];
    double[] row = new double[m];
    for (int r = 0; r <= inL; r++) {
      // rows 0..inL-1 are the weights of each input unit, row inL the biases
      int base = r < inL ? w + r * out : bo;
      for (int i = 0; i < m; i++) {
        double v = 0;
        for (int j = 0; j < m; j++) {
          v += a[i][j] * flat[base + j];
        }
        row[i] = v;
      }
      System.arraycopy(row, 0, flat, base, m);
    }
  }

  /**
   * Re-expresses the network for an affine change of its input and output coordinates, in place:
   * the new network maps in' to out'_j = outScale_j * out_j(in) + outShift_j, where
   * in = (in' - inShift) / inScale.
   * Used when the streaming update moves its working frame, so the function (in x space) is unchanged.
   *
   * @param flat parameters, modified in place
   * @param inScale a_j for input j (null: unchanged)
   * @param inShift b_j for input j (null: zero)
   * @param outScale multiplier of output j (null: unchanged); may cover only the first outputs
   * @param outShift added to output j (null: zero)
   */
  public void reframe(double[] flat, double[] inScale, double[] inShift, double[] outScale, double[] outShift) {
    int in = widths[0];
    int h1 = widths[1];
    if (inScale != null) {
      // first layer sees u_old = (u_new - b) / a: W1[j,:] /= a_j, b1 -= Σ_j (b_j / a_j) W1_old[j,:]
      int w = (int) weightOffsets[0];
      int bo = (int) biasOffsets[0];
      for (int j = 0; j < in; j++) {
        double a = inScale[j];
        double shift = inShift == null ? 0.0 : inShift[j];
        for (int c = 0; c < h1; c++) {
          double old = flat[w + j * h1 + c];
          flat[bo + c] -= shift / a * old;
          flat[w + j * h1 + c] = old / a;
        }
      }
    }
    if (outScale != null) {
      int last = layers() - 1;
      int inL = widths[last];
      int out = widths[last + 1];
      int w = (int) weightOffsets[last];
      int bo = (int) biasOffsets[last];
      for (int j = 0; j < outScale.length; j++) {
        for (int r = 0; r < inL; r++) {
          flat[w + r * out + j] *= outScale[j];
        }
        flat[bo + j] = flat[bo + j] * outScale[j] + (outShift == null ? 0.0 : outShift[j]);
      }
    }
  }

  /** The weight matrix W_l (in x out) as a view into flat. */
  public INDArray weight(INDArray flat, int l) {
    long n = (long) widths[l] * widths[l + 1];
    return flat.get(NDArrayIndex.interval(weightOffsets[l], weightOffsets[l] + n)).reshape('c', widths[l], widths[l + 1]);
  }

  /** The bias b_l (1 x out) as a view into flat. */
  public INDArray bias(INDArray flat, int l) {
    return flat.get(NDArrayIndex.interval(biasOffsets[l], biasOffsets[l] + widths[l + 1])).reshape('c', 1, widths[l + 1]);
  }

  /** A pass with buffers for batches of n rows, reading weights from params and writing gradients into grads. */
  public MlpPass pass(INDArray params, INDArray grads, int n) {
    return new MlpPass(this, params, grads, n);
  }

  /** A flat vector of the right length, in the given type. */
  public INDArray newFlat(DataType type) {
    return Nd4j.zeros(type, paramCount);
  }
}
