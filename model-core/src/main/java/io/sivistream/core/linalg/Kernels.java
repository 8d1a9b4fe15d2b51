package io.sivistream.core.linalg;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.api.ops.impl.transforms.same.Identity;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The engine's hot operations on ND4J arrays, in place and allocation-free.
 *
 * <p>Why not plain ND4J calls: on the CPU backend each ND4J op costs 20–90 µs of fixed overhead
 * (op object, graph context, output allocation), which dominated the SIVI-SM step at our matrix
 * sizes (≈100 × 256). Measured on the 2-core machine: a 100×256×256 sgemm takes 250 µs through
 * {@code Nd4j.gemm} and 150 µs through cblas directly; a 25,600-element add takes 87 µs as an
 * ND4J op and 8 µs as a Java loop over the same off-heap buffer. So on the CPU backend, for
 * single-precision arrays laid out row by row, these kernels call OpenBLAS directly and run the
 * elementwise work as Java loops over the arrays' own buffers. Anything else — another backend
 * (CUDA), double precision, unusual strides — takes the plain ND4J route, which gives the same
 * results up to rounding ({@code KernelsTest} checks both routes against each other).
 */
public final class Kernels {

  /** Whether the direct CPU route is available: the native CPU backend with its OpenBLAS. */
  private static final boolean CPU = detectCpu();
  private static final int ROW_MAJOR = 101;
  private static final int NO_TRANS = 111;
  private static final int TRANS = 112;

  private Kernels() {}

  private static boolean detectCpu() {
    if (Boolean.getBoolean("sivistream.kernels.nd4jOnly")) {
      return false;
    }
    try {
      String backend = Nd4j.getBackend().getClass().getName();
      if (!backend.contains("CpuBackend")) {
        return false;
      }
      Class.forName("org.bytedeco.openblas.global.openblas_nolapack");
      return true;
    } catch (ReflectiveOperationException | LinkageError e) {
      return false;
    }
  }

  /** Tests switch the direct route off to compare it with the plain ND4J route. */
  private static volatile boolean nd4jOnly;

  /** Whether the direct CPU route is in use (false on other backends or when disabled). */
  public static boolean direct() {
    return CPU && !nd4jOnly;
  }

  /**
   * Sets the number of threads the backend's BLAS uses (OpenBLAS on the CPU, for the direct gemms
   * too). One thread is fastest for the default model sizes on a shared 2-core machine.
   */
  public static void setBlasThreads(int threads) {
    Nd4j.factory().blas().setMaxThreads(threads);
  }

  static void useNd4jOnly(boolean on) {
    nd4jOnly = on;
  }

  /** True when a is a single-precision matrix or vector whose rows are contiguous. */
  private static boolean fast(INDArray a) {
    if (!CPU || nd4jOnly || a.dataType() != DataType.FLOAT || a.ordering() != 'c') {
      return false;
    }
    if (a.rank() == 1) {
      return a.elementWiseStride() == 1;
    }
    return a.rank() == 2 && a.stride(1) == 1 && (a.rows() == 1 || a.stride(0) >= a.columns());
  }

  private static boolean dense(INDArray a) {
    return fast(a) && (a.rank() == 1 || a.rows() == 1 || a.stride(0) == a.columns());
  }

  /** The array's elements as a buffer positioned at its first element. */
  private static FloatBuffer floats(INDArray a) {
    long span = a.rank() == 2 && a.rows() > 1 ? (a.rows() - 1) * a.stride(0) + a.columns() : a.length();
    FloatPointer p = pointer(a);
    p.limit(p.position() + span);
    return p.asBuffer();
  }

  /** Per-thread heap copies of arrays: Java loops over heap arrays vectorise, buffer loops do not. */
  private static final ThreadLocal<float[][]> HEAP = ThreadLocal.withInitial(() -> new float[5][0]);

  private static float[] heap(int slot, int length) {
    float[][] all = HEAP.get();
    if (all[slot].length < length) {
      all[slot] = new float[length];
    }
    return all[slot];
  }

  /** The dense array's elements, copied into the heap scratch array of the given slot. */
  private static float[] load(INDArray a, int slot) {
    int len = (int) a.length();
    float[] h = heap(slot, len);
    floats(a).get(0, h, 0, len);
    return h;
  }

  /** Writes the first a.length() elements of h into the dense array a. */
  private static void store(INDArray a, float[] h) {
    floats(a).put(0, h, 0, (int) a.length());
  }

  /**
   * A pointer to the array's first element. A view's data buffer may itself start at an offset
   * into the original allocation, and its address pointer already includes that offset.
   */
  private static FloatPointer pointer(INDArray a) {
    return new FloatPointer(a.data().addressPointer()).position(a.offset() - a.data().offset());
  }

  /**
   * c = alpha op(a) op(b) + beta c, with op the transpose when asked. c must not alias a or b.
   */
  public static void gemm(INDArray a, INDArray b, INDArray c, boolean transA, boolean transB, double alpha,
      double beta) {
    if (fast(a) && fast(b) && fast(c)) {
      int m = (int) c.rows();
      int n = (int) c.columns();
      int k = (int) (transA ? a.rows() : a.columns());
      int lda = (int) Math.max(1, a.rows() == 1 ? a.columns() : a.stride(0));
      int ldb = (int) Math.max(1, b.rows() == 1 ? b.columns() : b.stride(0));
      int ldc = (int) Math.max(1, c.rows() == 1 ? c.columns() : c.stride(0));
      org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm(ROW_MAJOR, transA ? TRANS : NO_TRANS,
          transB ? TRANS : NO_TRANS, m, n, k, (float) alpha, pointer(a), lda, pointer(b), ldb, (float) beta,
          pointer(c), ldc);
      return;
    }
    Nd4j.gemm(a, b, c, transA, transB, alpha, beta);
  }

  /** z = max(z, 0), in place. */
  public static void reluForward(INDArray z) {
    if (dense(z)) {
      float[] h = load(z, 0);
      int len = (int) z.length();
      for (int i = 0; i < len; i++) {
        h[i] = Math.max(h[i], 0f);
      }
      store(z, h);
      return;
    }
    Nd4j.getExecutioner().exec(new RectifiedLinear(z, z));
  }

  /** grad *= 1[activated > 0], in place (activated = relu output). */
  public static void reluBackward(INDArray grad, INDArray activated) {
    if (dense(grad) && dense(activated)) {
      float[] g = load(grad, 0);
      float[] a = load(activated, 1);
      int len = (int) grad.length();
      for (int i = 0; i < len; i++) {
        g[i] = a[i] > 0f ? g[i] : 0f;
      }
      store(grad, g);
      return;
    }
    Nd4j.getExecutioner().exec(new RectifiedLinearDerivative(activated, grad, grad));
  }

  /** z = tanh(z), in place. */
  public static void tanhForward(INDArray z) {
    if (dense(z)) {
      float[] h = load(z, 0);
      int len = (int) z.length();
      for (int i = 0; i < len; i++) {
        h[i] = (float) Math.tanh(h[i]);
      }
      store(z, h);
      return;
    }
    Transforms.tanh(z, false);
  }

  /** grad *= 1 - activated², in place (activated = tanh output). */
  public static void tanhBackward(INDArray grad, INDArray activated) {
    if (dense(grad) && dense(activated)) {
      float[] g = load(grad, 0);
      float[] a = load(activated, 1);
      int len = (int) grad.length();
      for (int i = 0; i < len; i++) {
        g[i] *= 1f - a[i] * a[i];
      }
      store(grad, g);
      return;
    }
    grad.muli(activated.mul(activated).rsubi(1.0));
  }

  /** out = alpha x + beta y, elementwise (equal shapes; out may alias x or y). */
  public static void axpby(INDArray out, double alpha, INDArray x, double beta, INDArray y) {
    if (dense(out) && dense(x) && dense(y)) {
      float[] hx = load(x, 0);
      float[] hy = load(y, 1);
      float[] o = heap(2, (int) out.length());
      float a = (float) alpha;
      float b = (float) beta;
      int len = (int) out.length();
      for (int i = 0; i < len; i++) {
        o[i] = a * hx[i] + b * hy[i];
      }
      store(out, o);
      return;
    }
    INDArray t = y.mul(beta);
    out.assign(x.mul(alpha).addi(t));
  }

  /** out = alpha x, elementwise (out may alias x). */
  public static void scale(INDArray out, double alpha, INDArray x) {
    if (dense(out) && dense(x)) {
      float[] h = load(x, 0);
      float a = (float) alpha;
      int len = (int) out.length();
      for (int i = 0; i < len; i++) {
        h[i] *= a;
      }
      store(out, h);
      return;
    }
    out.assign(x.mul(alpha));
  }

  /**
   * out = x * row, broadcasting a 1 x d row over the rows of x (n x d); row may also be n x d
   * (elementwise). out may alias x.
   */
  public static void mulRows(INDArray out, INDArray x, INDArray row) {
    if (dense(out) && dense(x) && dense(row)) {
      float[] h = load(x, 0);
      float[] r = load(row, 1);
      int len = (int) out.length();
      if (row.length() == len) {
        for (int i = 0; i < len; i++) {
          h[i] *= r[i];
        }
      } else {
        int d = (int) x.columns();
        for (int i = 0; i < len; i += d) {
          for (int j = 0; j < d; j++) {
            h[i + j] *= r[j];
          }
        }
      }
      store(out, h);
      return;
    }
    if (row.length() == x.columns() && x.rows() != 1) {
      out.assign(x.mulRowVector(row.reshape(1, x.columns())));
    } else {
      out.assign(x.mul(row));
    }
  }

  /** out += x * row, broadcasting as in {@link #mulRows}. */
  public static void addMulRows(INDArray out, INDArray x, INDArray row) {
    if (dense(out) && dense(x) && dense(row)) {
      float[] o = load(out, 0);
      float[] h = load(x, 1);
      float[] r = load(row, 2);
      int len = (int) out.length();
      if (row.length() == len) {
        for (int i = 0; i < len; i++) {
          o[i] += h[i] * r[i];
        }
      } else {
        int d = (int) x.columns();
        for (int i = 0; i < len; i += d) {
          for (int j = 0; j < d; j++) {
            o[i + j] += h[i + j] * r[j];
          }
        }
      }
      store(out, o);
      return;
    }
    if (row.length() == x.columns() && x.rows() != 1) {
      out.addi(x.mulRowVector(row.reshape(1, x.columns())));
    } else {
      out.addi(x.mul(row));
    }
  }

  /** out = x * scale + shift, broadcasting the 1 x d rows scale and shift over the rows of x. */
  public static void affineRows(INDArray out, INDArray x, INDArray scale, INDArray shift) {
    if (dense(out) && dense(x) && dense(scale) && dense(shift)) {
      float[] h = load(x, 0);
      float[] a = load(scale, 1);
      float[] b = load(shift, 2);
      int d = (int) x.columns();
      int len = (int) out.length();
      for (int i = 0; i < len; i += d) {
        for (int j = 0; j < d; j++) {
          h[i + j] = h[i + j] * a[j] + b[j];
        }
      }
      store(out, h);
      return;
    }
    out.assign(x.mulRowVector(scale.reshape(1, x.columns())).addiRowVector(shift.reshape(1, x.columns())));
  }

  /**
   * Turns inner products into the responsibilities of equal-weight, unit-variance Gaussian
   * components: on entry g[i][j] = x_i · c_j; on exit g[i][j] = softmax_j(x_i · c_j − |c_j|²/2),
   * which equals softmax_j(−|x_i − c_j|²/2) (the |x_i|² term is the same for the whole row).
   *
   * @param g n x m inner products, overwritten by the row-wise responsibilities
   * @param centres m x d component centres c_j
   */
  public static void gaussianResponsibilities(INDArray g, INDArray centres) {
    int m = (int) centres.rows();
    int d = (int) centres.columns();
    if (dense(g) && dense(centres)) {
      float[] c = load(centres, 0);
      float[] half = heap(1, m);
      for (int j = 0; j < m; j++) {
        float s = 0f;
        for (int k = 0; k < d; k++) {
          float v = c[j * d + k];
          s += v * v;
        }
        half[j] = 0.5f * s;
      }
      float[] h = load(g, 2);
      int n = (int) g.rows();
      for (int i = 0; i < n; i++) {
        int row = i * m;
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < m; j++) {
          h[row + j] -= half[j];
          max = Math.max(max, h[row + j]);
        }
        float total = 0f;
        for (int j = 0; j < m; j++) {
          float w = expf(h[row + j] - max);
          h[row + j] = w;
          total += w;
        }
        float inv = 1f / total;
        for (int j = 0; j < m; j++) {
          h[row + j] *= inv;
        }
      }
      store(g, h);
      return;
    }
    INDArray half = centres.mul(centres).sum(1).muli(0.5).reshape(1, m);
    g.subiRowVector(half);
    g.assign(Transforms.softmax(g, true));
  }

  /** Σ x_i y_i over all elements, accumulated in double. */
  public static double dot(INDArray x, INDArray y) {
    if (dense(x) && dense(y)) {
      float[] hx = load(x, 0);
      float[] hy = load(y, 1);
      int len = (int) x.length();
      double s = 0;
      for (int i = 0; i < len; i++) {
        s += (double) hx[i] * hy[i];
      }
      return s;
    }
    return x.mul(y).sumNumber().doubleValue();
  }

  /** Σ x_i over all elements, accumulated in double. */
  public static double sum(INDArray x) {
    if (dense(x)) {
      float[] h = load(x, 0);
      int len = (int) x.length();
      double s = 0;
      for (int i = 0; i < len; i++) {
        s += h[i];
      }
      return s;
    }
    return x.sumNumber().doubleValue();
  }

  /**
   * Logistic link of a batch of linear predictors: residual = y - σ(eta) (y a 1 x m row
   * broadcast over the n x m eta), and, when curvature is not null, curvature = σ(1 - σ).
   * curvature may alias eta.
   */
  public static void logistic(INDArray eta, INDArray yRow, INDArray residual, INDArray curvature) {
    if (dense(eta) && dense(yRow) && dense(residual) && (curvature == null || dense(curvature))) {
      float[] e = load(eta, 0);
      float[] y = load(yRow, 1);
      int len = (int) eta.length();
      float[] r = heap(2, len);
      int m = (int) eta.columns();
      for (int i = 0; i < len; i += m) {
        for (int j = 0; j < m; j++) {
          // σ(η) = 1 / (1 + e^−η) overflows to 0 harmlessly for very negative η
          float s = 1f / (1f + expf(-e[i + j]));
          r[i + j] = y[j] - s;
          e[i + j] = s * (1f - s);
        }
      }
      store(residual, r);
      if (curvature != null) {
        store(curvature, e);
      }
      return;
    }
    INDArray s = Transforms.sigmoid(eta, true);
    residual.assign(s.rsubRowVector(yRow.reshape(1, eta.columns())));
    if (curvature != null) {
      curvature.assign(s.mul(s.rsub(1.0)));
    }
  }

  private static final float LOG2E = 1.4426950408889634f;
  // ln 2 split in two (Cody and Waite): k * LN2_HI is exact in float, so r keeps full precision
  private static final float LN2_HI = 0.693145751953125f;
  private static final float LN2_LO = 1.428606765330187e-6f;

  /**
   * e^x in single precision, within 2.5e-7 relative error of the exact value for |x| < 87
   * (KernelsTest), about five times faster than Math.exp: the sigmoid of a 100 x 400 batch of
   * linear predictors was a fifth of a waveform training step. x = k ln2 + r with |r| ≤ ln2/2,
   * e^r by its Taylor polynomial of degree 7, 2^k through the float exponent bits.
   */
  static float expf(float x) {
    if (x > 88f) {
      return Float.POSITIVE_INFINITY;
    }
    if (x < -87f) {
      return 0f;
    }
    float k = Math.round(x * LOG2E);
    float r = (x - k * LN2_HI) - k * LN2_LO;
    float p = 1f + r * (1f + r * (0.5f + r * (1f / 6 + r * (1f / 24 + r * (1f / 120 + r * (1f / 720 + r * (1f / 5040)))))));
    return p * Float.intBitsToFloat(((int) k + 127) << 23);
  }

  /** out = exp(x), elementwise. */
  public static void exp(INDArray out, INDArray x) {
    if (dense(out) && dense(x)) {
      float[] h = load(x, 0);
      int len = (int) out.length();
      for (int i = 0; i < len; i++) {
        h[i] = (float) Math.exp(h[i]);
      }
      store(out, h);
      return;
    }
    out.assign(Transforms.exp(x, true));
  }

  /** out = 1 / x, elementwise. */
  public static void reciprocal(INDArray out, INDArray x) {
    if (dense(out) && dense(x)) {
      float[] h = load(x, 0);
      int len = (int) out.length();
      for (int i = 0; i < len; i++) {
        h[i] = 1f / h[i];
      }
      store(out, h);
      return;
    }
    out.assign(x.rdiv(1.0));
  }

  /** out = source[rows, :], a gather of whole rows (out is rows.length x source.columns()). */
  public static void gatherRows(INDArray out, INDArray source, int[] rows) {
    if (dense(out) && dense(source)) {
      FloatBuffer o = floats(out);
      FloatBuffer src = floats(source);
      int w = (int) source.columns();
      for (int i = 0; i < rows.length; i++) {
        o.put(i * w, src, rows[i] * w, w);
      }
      return;
    }
    out.assign(Nd4j.pullRows(source, 1, rows));
  }

  /** dst = src (equal lengths). */
  public static void copy(INDArray dst, INDArray src) {
    if (dense(dst) && dense(src)) {
      store(dst, load(src, 0));
      return;
    }
    Nd4j.getExecutioner().exec(new Identity(src, dst));
  }

  /**
   * One Adam step in place: m, v updated; params -= lr m̂ / (sqrt(v̂) + eps), with the bias
   * corrections of step t (0-based count of earlier steps).
   */
  public static boolean adam(INDArray params, INDArray grad, INDArray m, INDArray v, double lr, double beta1,
      double beta2, double epsilon, long t) {
    if (!(dense(params) && dense(grad) && dense(m) && dense(v))) {
      return false;
    }
    int len = (int) params.length();
    float[] p = load(params, 0);
    float[] g = load(grad, 1);
    float[] bm = load(m, 2);
    float[] bv = load(v, 3);
    double step = lr * Math.sqrt(1.0 - Math.pow(beta2, t + 1)) / (1.0 - Math.pow(beta1, t + 1));
    float b1 = (float) beta1;
    float b2 = (float) beta2;
    float eps = (float) epsilon;
    float a = (float) step;
    for (int i = 0; i < len; i++) {
      float gi = g[i];
      float mi = b1 * bm[i] + (1f - b1) * gi;
      float vi = b2 * bv[i] + (1f - b2) * gi * gi;
      bm[i] = mi;
      bv[i] = vi;
      float update = a * mi / ((float) Math.sqrt(vi) + eps);
      g[i] = update;
      p[i] -= update;
    }
    store(params, p);
    store(grad, g);
    store(m, bm);
    store(v, bv);
    return true;
  }
}
