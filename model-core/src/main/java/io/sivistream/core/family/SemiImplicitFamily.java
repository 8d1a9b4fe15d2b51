package io.sivistream.core.family;

import io.sivistream.core.linalg.Spd;

import io.sivistream.core.nn.Activation;
import io.sivistream.core.nn.Mlp;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The semi-implicit variational family (Yin and Zhou, 2018; Yu and Zhang, 2023):
 * z ~ N(0, I_k), x | z ~ N(mu(z), diag sigma(z)^2), with
 * mu(z) = MLP(z) + z W_skip and log sigma(z) = s (+ a second MLP head when sigma is
 * z-dependent).
 *
 * <p>The linear skip W_skip (k x d) is our addition to the paper's family: with k >= d it makes
 * every Gaussian with covariance W_skipᵀW_skip + diag sigma² exactly representable, so the MLP
 * only has to learn the departure from Gaussianity. It is what lets strongly correlated
 * posteriors (the waveform logistic regression) be fitted to within Monte Carlo noise.
 *
 * <p>All parameters live in one flat vector: [MLP | W_skip | s].
 */
public final class SemiImplicitFamily {

  private final int dim;
  private final int latentDim;
  private final boolean conditionalSigma;
  private final Mlp mlp;
  private final long skipOffset;
  private final long logSigmaOffset;
  private final long paramCount;
  private final double initialSigma;
  private final List<String> parameterNames;

  public SemiImplicitFamily(int dim, List<String> parameterNames, FamilyConfig config) {
    this.dim = dim;
    this.parameterNames = List.copyOf(parameterNames);
    this.latentDim = config.resolveLatentDim(dim);
    this.conditionalSigma = config.conditionalSigma();
    this.initialSigma = config.initialSigma();
    int[] widths = new int[config.hidden().size() + 2];
    widths[0] = latentDim;
    for (int i = 0; i < config.hidden().size(); i++) {
      widths[i + 1] = config.hidden().get(i);
    }
    widths[widths.length - 1] = conditionalSigma ? 2 * dim : dim;
    this.mlp = new Mlp(widths, config.activation());
    this.skipOffset = mlp.paramCount();
    this.logSigmaOffset = skipOffset + (long) latentDim * dim;
    this.paramCount = logSigmaOffset + dim;
  }

  public int dim() {
    return dim;
  }

  public int latentDim() {
    return latentDim;
  }

  public boolean conditionalSigma() {
    return conditionalSigma;
  }

  public List<String> parameterNames() {
    return parameterNames;
  }

  public long paramCount() {
    return paramCount;
  }

  Mlp mlp() {
    return mlp;
  }

  /** Initial parameters: small MLP output, a skip of scale initialSigma, sigma = initialSigma. */
  public double[] initParams(long seed) {
    double[] p = new double[Math.toIntExact(paramCount)];
    double[] m = mlp.initParams(seed, 0.1);
    System.arraycopy(m, 0, p, 0, m.length);
    java.util.SplittableRandom rng = new java.util.SplittableRandom(seed ^ 0x5DEECE66DL);
    double skipScale = initialSigma / Math.sqrt(latentDim);
    for (long i = skipOffset; i < logSigmaOffset; i++) {
      p[(int) i] = skipScale * io.sivistream.core.nn.Gaussian.next(rng);
    }
    Arrays.fill(p, (int) logSigmaOffset, (int) paramCount, Math.log(initialSigma));
    return p;
  }

  /**
   * Initial parameters for a family that starts at N(0, C) in its working coordinates (exactly
   * when k >= d): sigma = the largest s <= initialSigma with C - s² I positive definite, and
   * skip = Lᵀ with L the Cholesky factor of C - s² I.
   *
   * @param correlation a correlation matrix (d x d), or null for independence
   */
  public double[] initParams(long seed, double[][] correlation) {
    double[] p = initParams(seed);
    if (correlation == null) {
      return p;
    }
    // the largest sigma <= initialSigma with C - sigma² I positive definite, so that
    // skipᵀskip + sigma² I = C exactly
    double s0 = Math.min(initialSigma, 0.9);
    double[][] l = null;
    for (int attempt = 0; attempt < 40 && l == null; attempt++) {
      double[][] shifted = new double[dim][dim];
      for (int i = 0; i < dim; i++) {
        shifted[i] = correlation[i].clone();
        shifted[i][i] -= s0 * s0;
      }
      l = Spd.cholesky(shifted);
      if (l == null) {
        s0 *= 0.8;
      }
    }
    if (l == null) {
      return p;
    }
    double a = 1.0;
    java.util.Arrays.fill(p, (int) skipOffset, (int) logSigmaOffset, 0.0);
    // row r of the skip (k x d) is row r of Lᵀ, i.e. column r of L
    for (int r = 0; r < Math.min(latentDim, dim); r++) {
      for (int j = 0; j < dim; j++) {
        p[(int) (skipOffset + (long) r * dim + j)] = a * l[j][r];
      }
    }
    java.util.Arrays.fill(p, (int) logSigmaOffset, (int) paramCount, Math.log(s0));
    return p;
  }

  /**
   * As {@link #initParams(long, double[][])}, with the MLP's mean output removed, so the start is
   * N(0, C) to Monte Carlo error: for streamed windows that begin at an accurate Gaussian. (Batch
   * fits keep the plain start: on the multimodal target the centred one settled in one mode.)
   */
  public double[] initParamsCentred(long seed, double[][] correlation) {
    double[] p = initParams(seed, correlation);
    centreMlpOutput(p, seed);
    return p;
  }

  /**
   * Sets the MLP's output bias so that its mean output over z ~ N(0, I) is zero (to Monte Carlo
   * error over 4,096 draws): a randomly initialised ReLU network has a mean output of about a
   * tenth of an sd, which would shift an otherwise exact start; streamed conjugate posteriors
   * inherited that shift window after window.
   */
  private void centreMlpOutput(double[] p, long seed) {
    int draws = 4096;
    org.nd4j.linalg.api.ndarray.INDArray params = org.nd4j.linalg.factory.Nd4j.createFromArray(
        Arrays.copyOf(p, (int) mlp.paramCount()));
    io.sivistream.core.nn.MlpPass pass = mlp.pass(params, null, draws);
    double[] z = new double[draws * latentDim];
    java.util.SplittableRandom rng = new java.util.SplittableRandom(seed ^ 0x2545F4914F6CDD1DL);
    for (int i = 0; i < z.length; i++) {
      z[i] = io.sivistream.core.nn.Gaussian.next(rng);
    }
    org.nd4j.linalg.api.ndarray.INDArray out = pass.forward(org.nd4j.linalg.factory.Nd4j.create(z, new long[] {draws, latentDim},
        org.nd4j.linalg.api.buffer.DataType.DOUBLE));
    double[] mean = out.mean(0).toDoubleVector();
    long biasStart = mlp.paramCount() - mlp.outputDim();
    for (int j = 0; j < mean.length; j++) {
      p[(int) (biasStart + j)] -= mean[j];
    }
  }

  /**
   * The family's parameters after a dense linear map of its coordinates, u' = A u: the MLP's
   * output and the linear skip are mapped exactly; the diagonal noise cannot be, and becomes the
   * diagonal of A diag(sigma²) Aᵀ (exact when A is diagonal). Used to give a family the
   * correlation of a new Gaussian fit while keeping the rest of its shape.
   *
   * @throws IllegalArgumentException for a family whose sigma depends on z
   */
  public double[] transform(double[] params, double[][] a) {
    if (conditionalSigma) {
      throw new IllegalArgumentException("a family with a z-dependent sigma cannot be mapped by a dense matrix");
    }
    double[] p = params.clone();
    double[] mlpPart = java.util.Arrays.copyOf(p, (int) skipOffset);
    mlp.transformOutput(mlpPart, a);
    System.arraycopy(mlpPart, 0, p, 0, mlpPart.length);
    double[] row = new double[dim];
    for (int r = 0; r < latentDim; r++) {
      int base = (int) (skipOffset + (long) r * dim);
      for (int i = 0; i < dim; i++) {
        double v = 0;
        for (int j = 0; j < dim; j++) {
          v += a[i][j] * params[base + j];
        }
        row[i] = v;
      }
      System.arraycopy(row, 0, p, base, dim);
    }
    for (int i = 0; i < dim; i++) {
      double var = 0;
      for (int j = 0; j < dim; j++) {
        double sigma = Math.exp(params[(int) (logSigmaOffset + j)]);
        var += a[i][j] * a[i][j] * sigma * sigma;
      }
      p[(int) (logSigmaOffset + i)] = 0.5 * Math.log(var);
    }
    return p;
  }

  /**
   * Moves family parameters from working frame (c_old, s_old) to (c_new, s_new) without changing
   * the distribution in x space: u_new = a * u_old + b with a = s_old / s_new and
   * b = (c_old - c_new) / s_new, applied to the MLP output layer, the skip and sigma.
   *
   * @return new flat parameters
   */
  public double[] reframe(double[] params, double[] oldCenter, double[] oldScale, double[] newCenter, double[] newScale) {
    double[] p = params.clone();
    double[] a = new double[dim];
    double[] b = new double[dim];
    for (int j = 0; j < dim; j++) {
      a[j] = oldScale[j] / newScale[j];
      b[j] = (oldCenter[j] - newCenter[j]) / newScale[j];
    }
    double[] mlpPart = java.util.Arrays.copyOf(p, (int) skipOffset);
    mlp.reframe(mlpPart, null, null, a, b);
    System.arraycopy(mlpPart, 0, p, 0, mlpPart.length);
    for (int r = 0; r < latentDim; r++) {
      for (int j = 0; j < dim; j++) {
        p[(int) (skipOffset + (long) r * dim + j)] *= a[j];
      }
    }
    for (int j = 0; j < dim; j++) {
      p[(int) (logSigmaOffset + j)] += Math.log(a[j]);
    }
    return p;
  }

  INDArray mlpParams(INDArray flat) {
    return flat.get(NDArrayIndex.interval(0, skipOffset));
  }

  INDArray skip(INDArray flat) {
    return flat.get(NDArrayIndex.interval(skipOffset, logSigmaOffset)).reshape('c', latentDim, dim);
  }

  INDArray logSigma(INDArray flat) {
    return flat.get(NDArrayIndex.interval(logSigmaOffset, paramCount)).reshape('c', 1, dim);
  }

  /** Buffers for batches of n particles. */
  public FamilyPass pass(INDArray params, INDArray grads, int n) {
    return new FamilyPass(this, params, grads, n);
  }
}
