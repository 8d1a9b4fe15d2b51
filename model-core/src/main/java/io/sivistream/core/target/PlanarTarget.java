package io.sivistream.core.target;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A 2-D target without data, given by its log density, score and Hessian at one point. The batched
 * path copies the (n, 2) points to Java and back: n is small and the formulas are scalar.
 */
abstract sealed class PlanarTarget implements Target, ExactSampler permits Banana, Multimodal, XShaped {

  private static final List<String> NAMES = List.of("x1", "x2");

  @Override
  public final int dim() {
    return 2;
  }

  @Override
  public final List<String> parameterNames() {
    return NAMES;
  }

  @Override
  public final int dataRows() {
    return 0;
  }

  /** Writes the score (out[0], out[1]) and the Hessian (out[2] = h11, out[3] = h12, out[4] = h22). */
  abstract void derivatives(double x1, double x2, double[] out);

  abstract double logDensity(double x1, double x2);

  /** {@inheritDoc} There are no data rows: {@code rows} is ignored. */
  @Override
  public final ScoreAt scoreAt(INDArray x, int[] rows) {
    Batches.checkPoints(x, 2, "x");
    DataType type = x.dataType();
    int n = x.rows();
    double[] p = Batches.rowMajor(x);
    double[] s = new double[2 * n];
    double[] h = new double[3 * n];
    double[] out = new double[5];
    for (int i = 0; i < n; i++) {
      derivatives(p[2 * i], p[2 * i + 1], out);
      s[2 * i] = out[0];
      s[2 * i + 1] = out[1];
      System.arraycopy(out, 2, h, 3 * i, 3);
    }
    INDArray score = Batches.matrix(s, n, 2, type);
    return new ScoreAt() {
      @Override
      public INDArray score() {
        return score;
      }

      @Override
      public INDArray hessianVectorProduct(INDArray v) {
        Batches.checkDirection(v, x);
        double[] d = Batches.rowMajor(v);
        double[] hv = new double[2 * n];
        for (int i = 0; i < n; i++) {
          double v1 = d[2 * i];
          double v2 = d[2 * i + 1];
          hv[2 * i] = h[3 * i] * v1 + h[3 * i + 1] * v2;
          hv[2 * i + 1] = h[3 * i + 1] * v1 + h[3 * i + 2] * v2;
        }
        return Batches.matrix(hv, n, 2, type);
      }
    };
  }

  @Override
  public final double logDensity(double[] x) {
    Batches.checkLength(x, 2);
    return logDensity(x[0], x[1]);
  }

  @Override
  public final double[] gradLogDensity(double[] x) {
    Batches.checkLength(x, 2);
    double[] out = new double[5];
    derivatives(x[0], x[1], out);
    return new double[] {out[0], out[1]};
  }

  static void checkSampleCount(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("number of draws must be >= 0, got " + n);
    }
  }
}
