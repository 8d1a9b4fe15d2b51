package io.sivistream.core.family;

import io.sivistream.core.nn.MlpJacobian;
import io.sivistream.core.nn.MlpPass;
import io.sivistream.core.target.Likelihood;
import io.sivistream.core.target.Prior;
import io.sivistream.core.target.ScoreAt;
import io.sivistream.core.target.Target;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A streamed window's target on the joint space of the previous posterior's latent and the
 * parameters: with q_t(x) = ∫ N(z; 0, I) q_t(x | z) dz the previous window's fitted family,
 *
 * <pre>  p(z, x) ∝ [N(z; 0, I) q_t(x | z)]^λ · p_0(x)^(1-λ) · L(x)</pre>
 *
 * <p>whose x-marginal is the window's posterior q_t(x)·L(x) (for λ = 1). Unlike q_t(x), the joint
 * density is known in closed form, so its score needs no estimate of the reverse conditional
 * q_t(z | x): fitting a family to the joint and keeping its x-part sidesteps the estimator
 * entirely. For λ &lt; 1 the tempered joint's x-marginal is exactly q_t^λ p_0^(1-λ) when q_t is
 * Gaussian (a linear family), and a flattening of it otherwise.
 *
 * <p>q_t(x | z) = N(x; o + M mu(z), M diag(sigma²) Mᵀ) with mu(z) = MLP(z) + z W the family's
 * mean in its own frame, and x = o + M u that frame's map (diagonal for a family's own centre and
 * scale). Hessian-vector products drop the MLP's second derivative (zero almost everywhere for
 * ReLU; Gauss-Newton otherwise).
 *
 * <p>Coordinates: y = (z_1..z_k, x_1..x_d). Not thread-safe (buffers per batch size).
 */
public final class LatentJointTarget implements Target {

  private final SemiImplicitFamily family;
  private final int k;
  private final int d;
  private final double[] skip; // k x d
  private final double[] invVar; // 1 / sigma²
  private final double[] offset; // o
  private final double[] invScale; // M⁻¹ (diagonal)
  private final double lambda;
  private final Prior base;
  private final Likelihood likelihood;
  private final List<String> names;
  private final double[] mlpWeights;
  // the MLP runs in the type of the points it is given (FLOAT in training: ND4J's double gemm is
  // far slower than the float cblas path); buffers per (type, batch size)
  private final Map<String, MlpPass> passes = new HashMap<>();
  private final Map<String, MlpJacobian> jacobians = new HashMap<>();
  private final Map<DataType, INDArray> mlpParams = new HashMap<>();

  /**
   * @param previous the previous window's posterior (family and its diagonal frame)
   * @param lambda forgetting factor in (0, 1]
   * @param base the base prior p_0 (used only when lambda &lt; 1)
   * @param likelihood this window's likelihood
   */
  public LatentJointTarget(FittedPosterior previous, double lambda, Prior base, Likelihood likelihood) {
    this.family = previous.family();
    if (family.conditionalSigma()) {
      throw new IllegalArgumentException("the joint target needs a family with one global sigma");
    }
    this.k = family.latentDim();
    this.d = family.dim();
    double[] p = previous.params();
    int mlpCount = Math.toIntExact(family.paramCount() - (long) k * d - d);
    skip = java.util.Arrays.copyOfRange(p, mlpCount, mlpCount + k * d);
    invVar = new double[d];
    for (int j = 0; j < d; j++) {
      double s = Math.exp(p[mlpCount + k * d + j]);
      invVar[j] = 1 / (s * s);
    }
    offset = previous.center().clone();
    invScale = new double[d];
    for (int j = 0; j < d; j++) {
      invScale[j] = 1 / previous.scale()[j];
    }
    this.lambda = lambda;
    this.base = base;
    this.likelihood = likelihood;
    names = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      names.add("z" + (c + 1));
    }
    names.addAll(family.parameterNames());
    mlpWeights = java.util.Arrays.copyOf(p, mlpCount);
  }

  /** Latent dimension k of the previous family: the first k coordinates. */
  public int latentDim() {
    return k;
  }

  @Override
  public int dim() {
    return k + d;
  }

  @Override
  public List<String> parameterNames() {
    return names;
  }

  @Override
  public int dataRows() {
    return likelihood.rows();
  }

  private MlpPass pass(DataType type, int n) {
    INDArray weights = mlpParams.computeIfAbsent(type, t -> Nd4j.createFromArray(mlpWeights).castTo(t));
    return passes.computeIfAbsent(type + "/" + n, key -> familyMlp().pass(weights, null, n));
  }

  private io.sivistream.core.nn.Mlp familyMlp() {
    return family.mlp();
  }

  @Override
  public ScoreAt scoreAt(INDArray y, int[] rows) {
    DataType type = y.dataType();
    int n = (int) y.rows();
    double[] yy = y.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    double[] z = new double[n * k];
    double[] x = new double[n * d];
    for (int i = 0; i < n; i++) {
      System.arraycopy(yy, i * (k + d), z, i * k, k);
      System.arraycopy(yy, i * (k + d) + k, x, i * d, d);
    }
    INDArray zArr = Nd4j.create(z, new long[] {n, k}, 'c').castTo(type);
    INDArray xArr = Nd4j.create(x, new long[] {n, d}, 'c').castTo(type);
    MlpPass pass = pass(type, n);
    double[] m = flat(pass.forward(zArr));
    double[] a = new double[n * d]; // sigma⁻² (u − mu(z))
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        double mu = m[i * d + j];
        for (int c = 0; c < k; c++) {
          mu += z[i * k + c] * skip[c * d + j];
        }
        double u = (x[i * d + j] - offset[j]) * invScale[j];
        a[i * d + j] = (u - mu) * invVar[j];
      }
    }
    double[] vjp = flat(pass.backward(Nd4j.create(a, new long[] {n, d}, 'c').castTo(type), true, false));
    double scale = rows == null ? 1.0 : (double) likelihood.rows() / rows.length;
    ScoreAt lik = likelihood.scoreAt(xArr, rows, scale);
    ScoreAt prior0 = lambda < 1 ? base.scoreAt(xArr) : null;
    double[] sl = flat(lik.score());
    double[] s0 = prior0 == null ? null : flat(prior0.score());
    double[] out = new double[n * (k + d)];
    for (int i = 0; i < n; i++) {
      int o = i * (k + d);
      for (int c = 0; c < k; c++) {
        double g = -z[i * k + c] + vjp[i * k + c];
        for (int j = 0; j < d; j++) {
          g += a[i * d + j] * skip[c * d + j];
        }
        out[o + c] = lambda * g;
      }
      for (int j = 0; j < d; j++) {
        double g = -lambda * a[i * d + j] * invScale[j] + sl[i * d + j];
        if (s0 != null) {
          g += (1 - lambda) * s0[i * d + j];
        }
        out[o + k + j] = g;
      }
    }
    INDArray score = Nd4j.create(out, new long[] {n, k + d}, 'c').castTo(type);
    return new ScoreAt() {
      private double[] jac;

      @Override
      public INDArray score() {
        return score;
      }

      @Override
      public INDArray hessianVectorProduct(INDArray v) {
        double[] vv = v.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        if (jac == null) {
          jac = flat(jacobians.computeIfAbsent(type + "/" + n, key -> new MlpJacobian(pass(type, n), familyMlp())).at(zArr));
        }
        double[] vx = new double[n * d];
        double[] h = new double[n * (k + d)];
        double[] b = new double[d];
        for (int i = 0; i < n; i++) {
          int o = i * (k + d);
          // dr = M⁻¹ v_x − J v_z (J = ∂mu/∂z, with the skip), b = sigma⁻² dr
          for (int j = 0; j < d; j++) {
            double jv = 0;
            for (int c = 0; c < k; c++) {
              jv += vv[o + c] * (jac[(i * k + c) * d + j] + skip[c * d + j]);
            }
            vx[i * d + j] = vv[o + k + j];
            b[j] = (vv[o + k + j] * invScale[j] - jv) * invVar[j];
          }
          for (int c = 0; c < k; c++) {
            double g = -vv[o + c];
            for (int j = 0; j < d; j++) {
              g += b[j] * (jac[(i * k + c) * d + j] + skip[c * d + j]);
            }
            h[o + c] = lambda * g;
          }
          for (int j = 0; j < d; j++) {
            h[o + k + j] = -lambda * b[j] * invScale[j];
          }
        }
        INDArray vxArr = Nd4j.create(vx, new long[] {n, d}, 'c').castTo(type);
        double[] hl = flat(lik.hessianVectorProduct(vxArr));
        double[] h0 = prior0 == null ? null : flat(prior0.hessianVectorProduct(vxArr));
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < d; j++) {
            h[i * (k + d) + k + j] += hl[i * d + j] + (h0 == null ? 0 : (1 - lambda) * h0[i * d + j]);
          }
        }
        return Nd4j.create(h, new long[] {n, k + d}, 'c').castTo(type);
      }
    };
  }

  @Override
  public double logDensity(double[] y) {
    double[] z = java.util.Arrays.copyOfRange(y, 0, k);
    double[] x = java.util.Arrays.copyOfRange(y, k, k + d);
    double[] m = flat(pass(DataType.DOUBLE, 1).forward(Nd4j.create(z, new long[] {1, k}, 'c')));
    double lq = 0;
    for (int c = 0; c < k; c++) {
      lq -= 0.5 * z[c] * z[c];
    }
    for (int j = 0; j < d; j++) {
      double mu = m[j];
      for (int c = 0; c < k; c++) {
        mu += z[c] * skip[c * d + j];
      }
      double r = (x[j] - offset[j]) * invScale[j] - mu;
      lq -= 0.5 * r * r * invVar[j];
    }
    double out = lambda * lq + likelihood.logDensity(x);
    if (lambda < 1) {
      out += (1 - lambda) * base.logDensity(x);
    }
    return out;
  }

  @Override
  public double[] gradLogDensity(double[] y) {
    return flat(scoreAt(Nd4j.create(y, new long[] {1, y.length}, 'c'), null).score());
  }

  private static double[] flat(INDArray a) {
    return a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
  }

  /**
   * The parameters of the family's marginal over its output coordinates from..dim-1: the same
   * latent and hidden layers, the output layer, skip and sigma restricted to those coordinates.
   * Exact: x_j = mu_j(z) + sigma_j eps_j involves no other coordinate.
   *
   * @param marginal the structure of the marginal (dimension dim - from, same latent and hidden widths)
   */
  public static double[] marginalParams(SemiImplicitFamily joint, double[] params, int from, SemiImplicitFamily marginal) {
    int dim = joint.dim();
    int latentDim = joint.latentDim();
    io.sivistream.core.nn.Mlp mlp = joint.mlp();
    long skipOffset = mlp.paramCount();
    long logSigmaOffset = skipOffset + (long) latentDim * dim;
    int keep = dim - from;
    if (marginal.dim() != keep || marginal.latentDim() != latentDim || marginal.conditionalSigma() || joint.conditionalSigma()
        || marginal.mlp().layers() != mlp.layers()) {
      throw new IllegalArgumentException("marginal family does not match coordinates " + from + ".." + (dim - 1));
    }
    double[] out = new double[Math.toIntExact(marginal.paramCount())];
    int layers = mlp.layers();
    int at = 0;
    int src = 0;
    for (int l = 0; l < layers; l++) {
      int in = mlp.width(l);
      int width = mlp.width(l + 1);
      if (l < layers - 1) {
        int count = in * width + width;
        System.arraycopy(params, src, out, at, count);
        src += count;
        at += count;
      } else {
        for (int r = 0; r < in; r++) {
          System.arraycopy(params, src + r * width + from, out, at + r * keep, keep);
        }
        src += in * width;
        at += in * keep;
        System.arraycopy(params, src + from, out, at, keep);
        src += width;
        at += keep;
      }
    }
    for (int r = 0; r < latentDim; r++) {
      System.arraycopy(params, (int) skipOffset + r * dim + from, out, at + r * keep, keep);
    }
    at += latentDim * keep;
    System.arraycopy(params, (int) logSigmaOffset + from, out, at, keep);
    return out;
  }
}
