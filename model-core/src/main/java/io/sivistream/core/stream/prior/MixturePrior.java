package io.sivistream.core.stream.prior;

import io.sivistream.core.family.FittedPosterior;
import io.sivistream.core.target.Prior;
import io.sivistream.core.target.ScoreAt;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * An equal-weight mixture of K diagonal Gaussians (1/K) Σ_k N(μ_k, diag s_k²): candidate (a) of
 * the streaming update, the mixture snapshot of a semi-implicit posterior from K latent draws
 * ({@link FittedPosterior#components}). Its score is exact and cheap.
 *
 * <p>With responsibilities r_k(x) ∝ N(x; μ_k, s_k²), component scores g_k = −Λ_k(x − μ_k)
 * (Λ_k = diag s_k⁻²) and ḡ = Σ_k r_k g_k, the score is ḡ and the Hessian-vector product
 * <pre>H v = Σ_k r_k(−Λ_k v) + Σ_k r_k (g_k − ḡ)(g_k − ḡ)ᵀv,</pre>
 * the second term written in the centred form to avoid cancellation between Σ r_k g_k g_kᵀv and
 * ḡḡᵀv. Batches of n points go through gemms with (n x K) intermediates and a log-sum-exp over K;
 * when all components share one sd vector (the family with a global σ, the common case) the
 * quadratic terms common to all k cancel and one gemm gives the log responsibilities.
 *
 * <p>Immutable. Flat form ({@link #toArray()}): [K, d, means (K*d), sds (K*d)], row-major.
 */
public final class MixturePrior implements Prior {

  private final double[][] means;
  private final double[][] sds;
  /**
   * The batched path works relative to the average mean m̄ so that FLOAT logits keep their
   * precision when the posterior sits far from the origin: μ̃_k = μ_k − m̄, Λ_kj = s_kj⁻²,
   * Λ_kj μ̃_kj and c_k = −½ Σ_j μ̃_kj² Λ_kj − Σ_j log s_kj.
   */
  private final double[] centre;
  private final double[][] centredMeans;
  private final double[][] precisions;
  private final double[][] precisionMeans;
  private final double[] offsets;
  private final boolean sharedSds;
  private final Batched asDouble;
  private final Batched asFloat;

  /**
   * @param means component means μ_k, K x d (copied)
   * @param sds component sds s_k, K x d, each finite and > 0 (copied)
   */
  public MixturePrior(double[][] means, double[][] sds) {
    int k = means.length;
    if (k == 0) {
      throw new IllegalArgumentException("mixture prior needs at least 1 component, got 0");
    }
    if (sds.length != k) {
      throw new IllegalArgumentException("mixture prior sds must have " + k + " rows like the means, got " + sds.length);
    }
    int d = means[0].length;
    if (d == 0) {
      throw new IllegalArgumentException("mixture prior dimension must be >= 1, got 0");
    }
    this.means = PriorArrays.copy(means);
    this.sds = PriorArrays.copy(sds);
    centre = new double[d];
    for (int c = 0; c < k; c++) {
      if (means[c].length != d || sds[c].length != d) {
        throw new IllegalArgumentException("mixture prior component " + c + " must have " + d + " means and sds, got "
            + means[c].length + " and " + sds[c].length);
      }
      for (int j = 0; j < d; j++) {
        double m = means[c][j];
        double s = sds[c][j];
        if (!Double.isFinite(m)) {
          throw new IllegalArgumentException("mixture prior means must be finite, got " + m + " at [" + c + "][" + j + "]");
        }
        if (!(s > 0) || !Double.isFinite(s)) {
          throw new IllegalArgumentException("mixture prior sds must be finite and > 0, got " + s + " at [" + c + "][" + j + "]");
        }
        centre[j] += m / k;
      }
    }
    centredMeans = new double[k][d];
    precisions = new double[k][d];
    precisionMeans = new double[k][d];
    offsets = new double[k];
    boolean shared = true;
    for (int c = 0; c < k; c++) {
      double off = 0;
      for (int j = 0; j < d; j++) {
        double m = means[c][j] - centre[j];
        double s = sds[c][j];
        double lam = 1.0 / (s * s);
        centredMeans[c][j] = m;
        precisions[c][j] = lam;
        precisionMeans[c][j] = lam * m;
        off -= 0.5 * m * m * lam + Math.log(s);
        shared &= s == sds[0][j];
      }
      offsets[c] = off;
    }
    this.sharedSds = shared;
    this.asDouble = new Batched(DataType.DOUBLE);
    this.asFloat = new Batched(DataType.FLOAT);
  }

  /** The mixture snapshot of a fitted posterior: {@code MixturePrior.of(q.components(k, seed))}. */
  public static MixturePrior of(FittedPosterior.Components c) {
    return new MixturePrior(c.means(), c.sds());
  }

  public int components() {
    return means.length;
  }

  public double[][] means() {
    return PriorArrays.copy(means);
  }

  public double[][] sds() {
    return PriorArrays.copy(sds);
  }

  /** Whether every component has the same sd vector (the one-gemm fast path applies). */
  public boolean sharedSds() {
    return sharedSds;
  }

  @Override
  public int dim() {
    return means[0].length;
  }

  @Override
  public ScoreAt scoreAt(INDArray x) {
    return scoreAt(x, true);
  }

  /** As {@link #scoreAt(INDArray)}; allowSharedPath = false forces the general path (for tests). */
  ScoreAt scoreAt(INDArray x, boolean allowSharedPath) {
    DataType t = PriorArrays.checkBatch(x, dim());
    Batched b = PriorArrays.pick(t, asDouble, asFloat);
    INDArray centred = x.subRowVector(b.centre);
    return sharedSds && allowSharedPath ? new SharedAt(b, centred) : new GeneralAt(b, centred);
  }

  /** Row-wise softmax of log weights l (n x K), in place, stable: subtract the row max first. */
  private static INDArray softmaxRows(INDArray l) {
    l.subiColumnVector(l.max(1).reshape(l.rows(), 1));
    Transforms.exp(l, false);
    return l.diviColumnVector(l.sum(1).reshape(l.rows(), 1));
  }

  private static INDArray rowSums(INDArray a) {
    return a.sum(1).reshape(a.rows(), 1);
  }

  /** Shared sds λ = s⁻²: log r_k = (λx)·μ_k − ½||μ_k/s||² + const, one gemm. */
  private final class SharedAt implements ScoreAt {
    private final Batched b;
    /** x − m̄. */
    private final INDArray x;
    private final INDArray resp;
    /** R (ΛM): Σ_k r_k λ μ_k. */
    private final INDArray weightedMeans;
    private final INDArray score;

    SharedAt(Batched b, INDArray x) {
      this.b = b;
      this.x = x;
      int n = x.rows();
      INDArray logits = Nd4j.create(x.dataType(), n, components()).addiRowVector(b.offsets);
      Nd4j.gemm(x.mulRowVector(b.sharedPrecision), b.means, logits, false, true, 1.0, 1.0);
      resp = softmaxRows(logits);
      weightedMeans = Nd4j.create(x.dataType(), n, dim());
      Nd4j.gemm(resp, b.precisionMeans, weightedMeans, false, false, 1.0, 0.0);
      // ḡ = −λx + Σ_k r_k λμ_k
      score = x.mulRowVector(b.sharedPrecision).rsubi(weightedMeans);
    }

    @Override
    public INDArray score() {
      return score.dup();
    }

    @Override
    public INDArray hessianVectorProduct(INDArray v) {
      PriorArrays.checkDirections(v, x);
      INDArray vt = v.castTo(x.dataType());
      // (g_k − ḡ)ᵀv = (λμ_k)·v − (Σ_j r_j λμ_j)·v; the −λx terms cancel
      INDArray w = Nd4j.create(x.dataType(), x.rows(), components());
      Nd4j.gemm(vt, b.precisionMeans, w, false, true, 1.0, 0.0);
      w.subiColumnVector(rowSums(weightedMeans.mul(vt))).muli(resp);
      // Σ_k w_k (g_k − ḡ) = Σ_k w_k λμ_k, since Σ_k w_k = 0 and g_k − ḡ differs across k only by λμ_k
      INDArray out = vt.mulRowVector(b.sharedPrecision).negi();
      Nd4j.gemm(w, b.precisionMeans, out, false, false, 1.0, 1.0);
      return out;
    }
  }

  /** Per-component precisions: log r_k = −½ (x²)·Λ_k + x·(Λ_kμ_k) + c_k, two gemms. */
  private final class GeneralAt implements ScoreAt {
    private final Batched b;
    /** x − m̄. */
    private final INDArray x;
    private final INDArray resp;
    /** R Λ: Σ_k r_k Λ_k. */
    private final INDArray weightedPrecisions;
    private final INDArray score;

    GeneralAt(Batched b, INDArray x) {
      this.b = b;
      this.x = x;
      int n = x.rows();
      DataType t = x.dataType();
      INDArray logits = Nd4j.create(t, n, components()).addiRowVector(b.offsets);
      Nd4j.gemm(x.mul(x), b.precisions, logits, false, true, -0.5, 1.0);
      Nd4j.gemm(x, b.precisionMeans, logits, false, true, 1.0, 1.0);
      resp = softmaxRows(logits);
      weightedPrecisions = Nd4j.create(t, n, dim());
      Nd4j.gemm(resp, b.precisions, weightedPrecisions, false, false, 1.0, 0.0);
      // ḡ = −x ⊙ (Σ r_k Λ_k) + Σ r_k Λ_kμ_k
      score = x.mul(weightedPrecisions).negi();
      Nd4j.gemm(resp, b.precisionMeans, score, false, false, 1.0, 1.0);
    }

    @Override
    public INDArray score() {
      return score.dup();
    }

    @Override
    public INDArray hessianVectorProduct(INDArray v) {
      PriorArrays.checkDirections(v, x);
      DataType t = x.dataType();
      INDArray vt = v.castTo(t);
      // w_k = r_k (g_k − ḡ)ᵀv with g_kᵀv = −(x⊙v)·Λ_k + v·(Λ_kμ_k)
      INDArray w = Nd4j.create(t, x.rows(), components());
      Nd4j.gemm(x.mul(vt), b.precisions, w, false, true, -1.0, 0.0);
      Nd4j.gemm(vt, b.precisionMeans, w, false, true, 1.0, 1.0);
      w.subiColumnVector(rowSums(score.mul(vt))).muli(resp);
      // −v ⊙ Σ r_kΛ_k + Σ_k w_k g_k = −v⊙(RΛ) − x⊙(WΛ) + W(ΛM)
      INDArray wp = Nd4j.create(t, x.rows(), dim());
      Nd4j.gemm(w, b.precisions, wp, false, false, 1.0, 0.0);
      INDArray out = vt.mul(weightedPrecisions).negi().subi(wp.muli(x));
      Nd4j.gemm(w, b.precisionMeans, out, false, false, 1.0, 1.0);
      return out;
    }
  }

  /** log (1/K) Σ_k N(x; μ_k, diag s_k²), normalised. */
  @Override
  public double logDensity(double[] x) {
    PriorArrays.checkPoint(x, dim());
    double[] l = componentLogDensities(x);
    double max = Double.NEGATIVE_INFINITY;
    for (double v : l) {
      max = Math.max(max, v);
    }
    double s = 0;
    for (double v : l) {
      s += Math.exp(v - max);
    }
    return max + Math.log(s / l.length) - 0.5 * dim() * Math.log(2 * Math.PI);
  }

  @Override
  public double[] gradLogDensity(double[] x) {
    PriorArrays.checkPoint(x, dim());
    double[] l = componentLogDensities(x);
    double max = Double.NEGATIVE_INFINITY;
    for (double v : l) {
      max = Math.max(max, v);
    }
    double total = 0;
    for (int c = 0; c < l.length; c++) {
      l[c] = Math.exp(l[c] - max);
      total += l[c];
    }
    int d = dim();
    double[] g = new double[d];
    for (int c = 0; c < l.length; c++) {
      double r = l[c] / total;
      for (int j = 0; j < d; j++) {
        g[j] += r * precisions[c][j] * (means[c][j] - x[j]);
      }
    }
    return g;
  }

  /** log N(x; μ_k, s_k²) + d/2 log 2π for every k. */
  private double[] componentLogDensities(double[] x) {
    double[] l = new double[means.length];
    for (int c = 0; c < means.length; c++) {
      double s = 0;
      for (int j = 0; j < x.length; j++) {
        double u = (x[j] - means[c][j]) / sds[c][j];
        s -= 0.5 * u * u + Math.log(sds[c][j]);
      }
      l[c] = s;
    }
    return l;
  }

  /** [K, d, means (K*d), sds (K*d)]. */
  public double[] toArray() {
    int k = means.length;
    int d = dim();
    double[] flat = new double[2 + 2 * k * d];
    flat[0] = k;
    flat[1] = d;
    PriorArrays.flatten(sds, flat, PriorArrays.flatten(means, flat, 2));
    return flat;
  }

  /** Inverse of {@link #toArray()}. */
  public static MixturePrior fromArray(double[] flat) {
    int k = PriorArrays.count(flat, 0, "mixture prior component count");
    int d = PriorArrays.count(flat, 1, "mixture prior dimension");
    PriorArrays.checkLength(flat, 2L + 2L * k * d, "mixture prior (K = " + k + ", d = " + d + ")");
    return new MixturePrior(PriorArrays.unflatten(flat, 2, k, d), PriorArrays.unflatten(flat, 2 + k * d, k, d));
  }

  /** The constants as ND4J arrays in one precision. */
  private final class Batched {
    final INDArray centre;
    final INDArray means;
    final INDArray precisions;
    final INDArray precisionMeans;
    final INDArray offsets;
    final INDArray sharedPrecision;

    Batched(DataType t) {
      centre = PriorArrays.row(MixturePrior.this.centre, t);
      means = PriorArrays.matrix(MixturePrior.this.centredMeans, t);
      precisions = PriorArrays.matrix(MixturePrior.this.precisions, t);
      precisionMeans = PriorArrays.matrix(MixturePrior.this.precisionMeans, t);
      offsets = PriorArrays.row(MixturePrior.this.offsets, t);
      sharedPrecision = PriorArrays.row(MixturePrior.this.precisions[0], t);
    }
  }
}
