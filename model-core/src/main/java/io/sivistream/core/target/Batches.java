package io.sivistream.core.target;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Argument checks and Java/ND4J conversions shared by the targets. */
final class Batches {

  private Batches() {}

  /** Checks that {@code x} is an (n, d) FLOAT or DOUBLE matrix. */
  static void checkPoints(INDArray x, int d, String name) {
    if (x.rank() != 2 || x.columns() != d) {
      throw new IllegalArgumentException(
          name + " must have shape (n, " + d + "), got " + java.util.Arrays.toString(x.shape()));
    }
    DataType t = x.dataType();
    if (t != DataType.FLOAT && t != DataType.DOUBLE) {
      throw new IllegalArgumentException(name + " must be FLOAT or DOUBLE, got " + t);
    }
  }

  /** Checks a direction for a Hessian-vector product against the points it belongs to. */
  static void checkDirection(INDArray v, INDArray x) {
    if (v.rank() != 2 || v.rows() != x.rows() || v.columns() != x.columns()) {
      throw new IllegalArgumentException("v must have the shape of x " + java.util.Arrays.toString(x.shape())
          + ", got " + java.util.Arrays.toString(v.shape()));
    }
    if (v.dataType() != x.dataType()) {
      throw new IllegalArgumentException("v must have the data type of x (" + x.dataType() + "), got " + v.dataType());
    }
  }

  /** Checks minibatch row indices: non-empty, each in [0, n). */
  static void checkRows(int[] rows, int n) {
    if (rows.length == 0) {
      throw new IllegalArgumentException("rows must not be empty (use null for all rows)");
    }
    for (int i = 0; i < rows.length; i++) {
      if (rows[i] < 0 || rows[i] >= n) {
        throw new IllegalArgumentException("rows[" + i + "] = " + rows[i] + " is out of range [0, " + n + ")");
      }
    }
  }

  /** Checks a plain-path point. */
  static void checkLength(double[] x, int d) {
    if (x.length != d) {
      throw new IllegalArgumentException("x must have length " + d + ", got " + x.length);
    }
  }

  /** The elements of a matrix in row-major order, as doubles. */
  static double[] rowMajor(INDArray x) {
    INDArray c = x.ordering() == 'c' && !x.isView() && x.data().length() == x.length() ? x : x.dup('c');
    return c.data().asDouble();
  }

  /** An (n, d) matrix of the given type holding row-major {@code values}. */
  static INDArray matrix(double[] values, int n, int d, DataType type) {
    return Nd4j.create(values, new long[] {n, d}, type);
  }
}
