package io.sivistream.core.family;

import io.sivistream.core.linalg.Spd;
import io.sivistream.core.nn.Gaussian;
import io.sivistream.core.nn.MlpJacobian;
import io.sivistream.core.nn.MlpPass;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The marginal score ∇ log q(u) of a frozen semi-implicit family, and its Hessian-vector products,
 * from the reverse conditional q(z | u) ∝ N(z; 0, I) N(u; mu(z), diag sigma²).
 *
 * <p>Identities: ∇ log q(u) = E_{z|u}[g(z)] with g(z) = ∇_u log q(u|z) = −(u − mu(z)) / sigma², and
 * ∇² log q(u) = −diag(1/sigma²) + Cov_{z|u}[g(z)].
 *
 * <p>Estimator (self-normalised importance sampling, per point u):
 * <ol>
 *   <li>Proposal covariance from the family's linear part: with mu(z) = MLP(z) + z W, the reverse
 *       conditional of the linear family is Gaussian with precision P = I + W diag(1/sigma²) Wᵀ,
 *       the same for every u. It is computed once.</li>
 *   <li>Its centre: a few Newton-like ascent steps on log q(z|u) from z = 0, preconditioned by
 *       P⁻¹ (exact in one step for a linear family), each step kept only if it raises log q(z|u),
 *       halved otherwise.</li>
 *   <li>{@code samples} draws z_k ~ N(ẑ, P⁻¹) in antithetic pairs, weights w_k ∝ q(z_k | u) / N(z_k;
 *       ẑ, P⁻¹), and the estimates Σ_k w_k g(z_k) and −diag(1/sigma²) + Σ_k w_k (g_k − ḡ)(g_k − ḡ)ᵀ.
 *       The second is exactly the Jacobian in u of the first with the draws held fixed, so the
 *       Fisher family step differentiates the score the critic sees.</li>
 * </ol>
 * For a family whose MLP is constant the proposal is the reverse conditional itself, the weights
 * are equal and the score is exact for any number of draws. The effective sample size of the
 * weights ({@link Estimate#meanEss()}) says how far the family is from that case.
 *
 * <p>Deterministic: the draws come from a SplittableRandom seeded at construction, so a sequence
 * of calls is a function of the seed. Not thread-safe (buffers per batch size are reused).
 * Only for families with one global sigma.
 */
public final class ReverseConditional {

  private final SemiImplicitFamily family;
  private final int d;
  private final int k;
  private final int samples;
  private final int ascentSteps;
  private final double[] params;
  private final double[] skip; // k x d, row-major
  private final double[] invVar; // 1 / sigma², length d
  private final double[] precisionInverse; // P⁻¹, k x k
  private final SplittableRandom rng;
  private final Map<Long, MlpPass> passes = new HashMap<>();
  private final Map<Long, MlpJacobian> jacobians = new HashMap<>();
  private DataType type;
  private INDArray mlpParams;

  /**
   * @param family the family's structure (global sigma only)
   * @param params its flat parameters (copied), in the coordinates u it is evaluated in
   * @param samples importance draws per point, even, >= 2
   * @param ascentSteps preconditioned ascent steps towards the reverse conditional's mode, >= 1
   * @param seed seed of the draws
   */
  public ReverseConditional(SemiImplicitFamily family, double[] params, int samples, int ascentSteps, long seed) {
    if (family.conditionalSigma()) {
      throw new IllegalArgumentException("the semi-implicit prior needs a family with one global sigma"
          + " (family.conditionalSigma: false)");
    }
    if (samples < 2 || samples % 2 != 0) {
      throw new IllegalArgumentException("reverse-conditional draws must be even and >= 2, got " + samples);
    }
    if (ascentSteps < 1) {
      throw new IllegalArgumentException("reverse-conditional ascent steps must be >= 1, got " + ascentSteps);
    }
    if (params.length != family.paramCount()) {
      throw new IllegalArgumentException("family has " + family.paramCount() + " parameters, got " + params.length);
    }
    this.family = family;
    this.d = family.dim();
    this.k = family.latentDim();
    this.samples = samples;
    this.ascentSteps = ascentSteps;
    this.params = params.clone();
    this.rng = new SplittableRandom(seed);
    int skipOffset = Math.toIntExact(family.mlp().paramCount());
    skip = java.util.Arrays.copyOfRange(this.params, skipOffset, skipOffset + k * d);
    invVar = new double[d];
    for (int j = 0; j < d; j++) {
      double s = Math.exp(this.params[skipOffset + k * d + j]);
      invVar[j] = 1.0 / (s * s);
    }
    double[][] p = new double[k][k];
    precision(skip, p);
    double[][] l = Spd.cholesky(p);
    if (l == null) {
      throw new IllegalArgumentException("the family's reverse-conditional precision is not positive definite");
    }
    double[][] inv = Spd.inverseFromCholesky(l);
    precisionInverse = new double[k * k];
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) {
        precisionInverse[a * k + b] = inv[a][b];
      }
    }
  }

  public int dim() {
    return d;
  }

  /** Draws per point. */
  public int samples() {
    return samples;
  }

  /**
   * Estimates the score at n points.
   *
   * @param u points (n x d), FLOAT or DOUBLE; the MLP runs in that type
   */
  public Estimate estimate(INDArray u) {
    return estimate(u, null);
  }

  /**
   * Estimates the score at n points, the mode search starting at given latents (n x k, row-major),
   * or at z = 0 when null. Starting from the latent that drew each point found the right region of
   * a fitted 22-dimensional family where z = 0 did not (docs/streaming.md, "semi-implicit").
   */
  public Estimate estimate(INDArray u, double[] startLatents) {
    DataType t = u.dataType();
    if (t != type) {
      type = t;
      mlpParams = Nd4j.createFromArray(java.util.Arrays.copyOf(params, (int) family.mlp().paramCount())).castTo(t);
      passes.clear();
      jacobians.clear();
    }
    int n = (int) u.rows();
    double[] uu = flat(u);
    if (startLatents != null && startLatents.length != n * k) {
      throw new IllegalArgumentException("start latents must be " + n + " x " + k + " = " + (n * k)
          + " values, got " + startLatents.length);
    }
    double[] z = startLatents == null ? new double[n * k] : startLatents.clone();
    ascend(uu, z, n, GLOBAL_STEPS, null);
    double[] factors = localFactors(z, n);
    ascend(uu, z, n, ascentSteps, factors);
    return sample(uu, z, factors, n);
  }

  /** Ascent steps preconditioned by the shared linear-part precision before the local one is computed. */
  /** Writes I + J diag(1/sigma²) Jᵀ into p (k x k), for J row-major k x d. */
  private void precision(double[] j, double[][] p) {
    for (int a = 0; a < k; a++) {
      for (int b = 0; b <= a; b++) {
        double sum = a == b ? 1.0 : 0.0;
        for (int c = 0; c < d; c++) {
          sum += j[a * d + c] * invVar[c] * j[b * d + c];
        }
        p[a][b] = sum;
        p[b][a] = sum;
      }
    }
  }

  static final int GLOBAL_STEPS = 2;

  /**
   * The Cholesky factors L_i (row-major k x k each, n of them) of the local precisions
   * P_i = I + J_i diag(1/sigma²) J_iᵀ, J_i = ∂mu/∂z at z_i (k x d): the Gauss-Newton curvature of
   * -log q(z|u) there, which is the reverse conditional's precision to first order.
   */
  private double[] localFactors(double[] z, int n) {
    double[] jac = flat(jacobian(n).at(Nd4j.create(z, new long[] {n, k}, 'c').castTo(type)));
    double[] factors = new double[n * k * k];
    double[][] p = new double[k][k];
    double[] ji = new double[k * d];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < k; c++) {
        for (int j = 0; j < d; j++) {
          ji[c * d + j] = jac[(i * k + c) * d + j] + skip[c * d + j];
        }
      }
      precision(ji, p);
      double[][] l = Spd.cholesky(p);
      if (l == null) {
        throw new IllegalStateException("local reverse-conditional precision is not positive definite");
      }
      for (int a = 0; a < k; a++) {
        System.arraycopy(l[a], 0, factors, i * k * k + a * k, k);
      }
    }
    return factors;
  }

  /** Solves (L Lᵀ) x = g in place for the factor of particle i. */
  private void solve(double[] factors, int i, double[] g) {
    int off = i * k * k;
    for (int a = 0; a < k; a++) {
      double s = g[a];
      for (int b = 0; b < a; b++) {
        s -= factors[off + a * k + b] * g[b];
      }
      g[a] = s / factors[off + a * k + a];
    }
    backSolve(factors, i, g);
  }

  /** Solves Lᵀ x = g in place. */
  private void backSolve(double[] factors, int i, double[] g) {
    int off = i * k * k;
    for (int a = k - 1; a >= 0; a--) {
      double s = g[a];
      for (int b = a + 1; b < k; b++) {
        s -= factors[off + b * k + a] * g[b];
      }
      g[a] = s / factors[off + a * k + a];
    }
  }

  private MlpJacobian jacobian(int n) {
    return jacobians.computeIfAbsent((long) n, rows -> new MlpJacobian(pass(n), family.mlp()));
  }

  /**
   * Preconditioned ascent on log q(z|u) from z, in place; each particle keeps its step only if it
   * helps, and halves it otherwise.
   *
   * @param factors per-particle Cholesky factors of the preconditioner, or null for the shared P
   */
  private void ascend(double[] u, double[] z, int n, int steps, double[] factors) {
    double[] alpha = new double[n];
    java.util.Arrays.fill(alpha, 1.0);
    double[] logq = new double[n];
    double[] grad = new double[n * k];
    double[] previous = new double[n * k];
    boolean[] accepted = new boolean[n];
    MlpPass pass = pass(n);
    for (int step = 0; step <= steps; step++) {
      double[] m = flat(pass.forward(Nd4j.create(z, new long[] {n, k}, 'c').castTo(type)));
      double[] a = new double[n * d];
      for (int i = 0; i < n; i++) {
        double lq = 0;
        for (int j = 0; j < d; j++) {
          double mu = m[i * d + j];
          for (int c = 0; c < k; c++) {
            mu += z[i * k + c] * skip[c * d + j];
          }
          double r = u[i * d + j] - mu;
          a[i * d + j] = r * invVar[j];
          lq -= 0.5 * r * r * invVar[j];
        }
        for (int c = 0; c < k; c++) {
          lq -= 0.5 * z[i * k + c] * z[i * k + c];
        }
        accepted[i] = step == 0 || lq >= logq[i];
        if (!accepted[i]) {
          // the step lowered log q(z|u) (or overflowed): back to the previous point, half the step
          alpha[i] *= 0.5;
          System.arraycopy(previous, i * k, z, i * k, k);
          for (int c = 0; c < k; c++) {
            z[i * k + c] += alpha[i] * grad[i * k + c];
          }
          continue;
        }
        logq[i] = lq;
        alpha[i] = Math.min(1.0, alpha[i] * 2);
        System.arraycopy(z, i * k, previous, i * k, k);
      }
      if (step == steps) {
        // last evaluation: keep the better of the current and the previous point
        for (int i = 0; i < n; i++) {
          System.arraycopy(previous, i * k, z, i * k, k);
        }
        return;
      }
      // ∇_z log q(z|u) = -z + (r/sigma²) Wᵀ + J_MLPᵀ (r/sigma²), then the step P⁻¹ times it
      double[] vjp = flat(pass.backward(Nd4j.create(a, new long[] {n, d}, 'c').castTo(type), true, false));
      for (int i = 0; i < n; i++) {
        if (!accepted[i]) {
          continue; // moved above, along its last direction with half the step
        }
        double[] g = new double[k];
        for (int c = 0; c < k; c++) {
          double s = -previous[i * k + c] + vjp[i * k + c];
          for (int j = 0; j < d; j++) {
            s += a[i * d + j] * skip[c * d + j];
          }
          g[c] = s;
        }
        if (factors != null) {
          solve(factors, i, g);
        } else {
          double[] h = new double[k];
          for (int c = 0; c < k; c++) {
            for (int e = 0; e < k; e++) {
              h[c] += precisionInverse[c * k + e] * g[e];
            }
          }
          g = h;
        }
        for (int c = 0; c < k; c++) {
          grad[i * k + c] = g[c];
          z[i * k + c] = previous[i * k + c] + alpha[i] * g[c];
        }
      }
    }
  }

  private Estimate sample(double[] u, double[] centre, double[] factors, int n) {
    int kk = samples;
    int rows = n * kk;
    double[] z = new double[rows * k];
    double[] logw = new double[rows];
    double[] xi = new double[k];
    for (int i = 0; i < n; i++) {
      for (int s = 0; s < kk; s += 2) {
        double sq = 0;
        for (int c = 0; c < k; c++) {
          xi[c] = Gaussian.next(rng);
          sq += xi[c] * xi[c];
        }
        int r0 = (i * kk + s) * k;
        int r1 = r0 + k;
        // z = ẑ ± L⁻ᵀ xi has covariance (L Lᵀ)⁻¹ = P_i⁻¹
        double[] off = xi.clone();
        backSolve(factors, i, off);
        for (int c = 0; c < k; c++) {
          z[r0 + c] = centre[i * k + c] + off[c];
          z[r1 + c] = centre[i * k + c] - off[c];
        }
        logw[i * kk + s] = 0.5 * sq;
        logw[i * kk + s + 1] = 0.5 * sq;
      }
    }
    double[] m = flat(pass(rows).forward(Nd4j.create(z, new long[] {rows, k}, 'c').castTo(type)));
    double[] g = new double[rows * d];
    for (int r = 0; r < rows; r++) {
      int i = r / kk;
      double lq = 0;
      for (int j = 0; j < d; j++) {
        double mu = m[r * d + j];
        for (int c = 0; c < k; c++) {
          mu += z[r * k + c] * skip[c * d + j];
        }
        double res = u[i * d + j] - mu;
        g[r * d + j] = -res * invVar[j];
        lq -= 0.5 * res * res * invVar[j];
      }
      for (int c = 0; c < k; c++) {
        lq -= 0.5 * z[r * k + c] * z[r * k + c];
      }
      logw[r] += lq;
    }
    double[] score = new double[n * d];
    double[] weights = new double[rows];
    double essSum = 0;
    for (int i = 0; i < n; i++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int s = 0; s < kk; s++) {
        max = Math.max(max, logw[i * kk + s]);
      }
      double total = 0;
      for (int s = 0; s < kk; s++) {
        double w = Math.exp(logw[i * kk + s] - max);
        weights[i * kk + s] = w;
        total += w;
      }
      double sq = 0;
      for (int s = 0; s < kk; s++) {
        double w = weights[i * kk + s] / total;
        weights[i * kk + s] = w;
        sq += w * w;
        for (int j = 0; j < d; j++) {
          score[i * d + j] += w * g[(i * kk + s) * d + j];
        }
      }
      essSum += 1.0 / sq;
    }
    return new Estimate(n, d, kk, score, g, weights, invVar, essSum / n, type);
  }

  private MlpPass pass(int n) {
    return passes.computeIfAbsent((long) n, rows -> family.mlp().pass(mlpParams, null, n));
  }

  private static double[] flat(INDArray a) {
    return a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
  }

  /** The estimate at a batch of points: the score, and Hessian-vector products from the same draws. */
  public static final class Estimate {
    private final int n;
    private final int d;
    private final int kk;
    private final double[] score;
    private final double[] g;
    private final double[] weights;
    private final double[] invVar;
    private final double meanEss;
    private final DataType type;

    Estimate(int n, int d, int kk, double[] score, double[] g, double[] weights, double[] invVar, double meanEss,
        DataType type) {
      this.n = n;
      this.d = d;
      this.kk = kk;
      this.score = score;
      this.g = g;
      this.weights = weights;
      this.invVar = invVar;
      this.meanEss = meanEss;
      this.type = type;
    }

    /** ∇ log q(u_i), row-major n x d. */
    public double[] score() {
      return score;
    }

    /** ∇ log q(u_i) as an (n x d) array of the input's type. */
    public INDArray scoreArray() {
      return Nd4j.create(score, new long[] {n, d}, 'c').castTo(type);
    }

    /** Row i: ∇² log q(u_i) v_i = −v_i / sigma² + Σ_k w_ik (g_ik − ḡ_i) ((g_ik − ḡ_i) · v_i). */
    public double[] hessianVectorProduct(double[] v) {
      double[] out = new double[n * d];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < d; j++) {
          out[i * d + j] = -invVar[j] * v[i * d + j];
        }
        for (int s = 0; s < kk; s++) {
          int r = i * kk + s;
          double dot = 0;
          for (int j = 0; j < d; j++) {
            dot += (g[r * d + j] - score[i * d + j]) * v[i * d + j];
          }
          double wd = weights[r] * dot;
          for (int j = 0; j < d; j++) {
            out[i * d + j] += wd * (g[r * d + j] - score[i * d + j]);
          }
        }
      }
      return out;
    }

    /** Mean over the points of the weights' effective sample size 1 / Σ w², between 1 and the draws per point. */
    public double meanEss() {
      return meanEss;
    }
  }
}
