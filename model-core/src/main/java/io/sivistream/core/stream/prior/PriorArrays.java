package io.sivistream.core.stream.prior;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Shared checks and conversions between plain double arrays and ND4J arrays of either precision. */
final class PriorArrays {

  private PriorArrays() {}

  /** Checks that x is an (n, d) FLOAT or DOUBLE matrix and returns its data type. */
  static DataType checkBatch(INDArray x, int d) {
    DataType t = x.dataType();
    if (t != DataType.FLOAT && t != DataType.DOUBLE) {
      throw new IllegalArgumentException("prior points must be FLOAT or DOUBLE, got " + t);
    }
    if (x.rank() != 2 || x.columns() != d) {
      throw new IllegalArgumentException("prior points must have shape (n, " + d + "), got " + java.util.Arrays.toString(x.shape()));
    }
    return t;
  }

  static void checkDirections(INDArray v, INDArray x) {
    if (!java.util.Arrays.equals(v.shape(), x.shape())) {
      throw new IllegalArgumentException("HVP directions must have the points' shape " + java.util.Arrays.toString(x.shape())
          + ", got " + java.util.Arrays.toString(v.shape()));
    }
  }

  static void checkPoint(double[] x, int d) {
    if (x.length != d) {
      throw new IllegalArgumentException("prior point must have length " + d + ", got " + x.length);
    }
  }

  /** A 1 x d row in the given type. */
  static INDArray row(double[] v, DataType t) {
    return Nd4j.createFromArray(v).reshape(1, v.length).castTo(t);
  }

  /** A k x d matrix in the given type. */
  static INDArray matrix(double[][] m, DataType t) {
    return Nd4j.createFromArray(m).castTo(t);
  }

  static double[][] copy(double[][] m) {
    double[][] c = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      c[i] = m[i].clone();
    }
    return c;
  }

  /** Rows of length cols read from flat starting at offset. */
  static double[][] unflatten(double[] flat, int offset, int rows, int cols) {
    double[][] m = new double[rows][cols];
    for (int i = 0; i < rows; i++) {
      System.arraycopy(flat, offset + i * cols, m[i], 0, cols);
    }
    return m;
  }

  static int flatten(double[][] m, double[] flat, int offset) {
    for (double[] r : m) {
      System.arraycopy(r, 0, flat, offset, r.length);
      offset += r.length;
    }
    return offset;
  }

  /** A small non-negative integer stored as a double in a flat array, checked. */
  static int count(double[] flat, int index, String what) {
    if (index >= flat.length) {
      throw new IllegalArgumentException("flat " + what + " missing: array has only " + flat.length + " values");
    }
    double v = flat[index];
    if (!(v >= 0) || v != Math.rint(v) || v > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("flat " + what + " must be a non-negative integer, got " + v);
    }
    return (int) v;
  }

  static void checkLength(double[] flat, long expected, String kind) {
    if (flat.length != expected) {
      throw new IllegalArgumentException(kind + " flat array must have " + expected + " values for its header, got " + flat.length);
    }
  }

  /** The DOUBLE or FLOAT member of a pair by the type of x. */
  static <T> T pick(DataType t, T ifDouble, T ifFloat) {
    return t == DataType.DOUBLE ? ifDouble : ifFloat;
  }
}
