package io.sivistream.core.stream.prior;

import io.sivistream.core.family.FittedPosterior;
import io.sivistream.core.linalg.Spd;
import io.sivistream.core.nn.Activation;
import io.sivistream.core.nn.Mlp;
import io.sivistream.core.nn.MlpPass;
import io.sivistream.core.optim.Adam;
import io.sivistream.core.optim.AdamState;
import io.sivistream.core.target.Target;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An experiment, not a prior kind (measured 2026-12-04, {@code ScoreFitProbe}; docs/streaming.md,
 * "Score regression"): a candidate {@code score} snapshot, a network fitted by regression to the exact score of the window's
 * own target, at draws of the window's fitted posterior q_t.
 *
 * <p>Why not the score of q_t itself: q_t's density is intractable, and every estimate of its score
 * tried (importance sampling and MALA over the reverse conditional, denoising score matching)
 * carried q_t's fitting error, plus the estimator's noise, into every later prior. At the end of a
 * window, though, the target p_t(x) ∝ prior_t(x) · L_t(x) has a score we can evaluate exactly at
 * any point, and q_t tells us where that score matters: where the next posterior will be. A
 * regression on those (x, ∇ log p_t(x)) pairs has noise-free targets, so it converges to the
 * target's score on q_t's mass rather than to q_t's; no fitting error of q_t accumulates, only the
 * regression error (measured in {@link Fit#relativeError}).
 *
 * <p>Same representation as {@link DsmPrior} (standardised coordinates u = (x − c)/σ, with c and σ
 * the mean and sd of q_t): s_u(u) = −u P + MLP(u). P comes from a least-squares affine fit of the
 * standardised score on the draws, symmetrised; for a Gaussian target that fit is exact (the
 * score is affine) and the network learns nothing, so linear-Gaussian streams stay exact. The
 * network learns only the departure from affine: the skew and curvature that a Laplace snapshot
 * drops. Its hidden layers use tanh, so far from the draws the network's output stays bounded and
 * the affine part's Gaussian tails take over.
 *
 * <p>The share of the score that the affine part leaves unexplained, {@link Fit#nonlinearity},
 * is the statistic the {@code auto} kind reads: near 0 the target is Gaussian on q_t's mass and a
 * Gaussian snapshot loses nothing.
 */
public final class ScoreFit {

  /** Hidden activation: bounded, so that the network's extrapolation is too. */
  static final Activation ACTIVATION = Activation.TANH;
  /** Scale of the initial output layer: the fit starts at the affine part. */
  static final double OUTPUT_SCALE = 0.01;
  /** Final learning rate as a fraction of the initial one (cosine decay). */
  static final double FINAL_LR_FRACTION = 0.01;
  /** Share of the draws held out to measure the fit's error. */
  static final int HOLDOUT_EVERY = 8;

  private ScoreFit() {}

  /**
   * The fitted prior and how well it fits.
   *
   * @param prior the network score
   * @param nonlinearity RMS of the score left after the affine fit, over the RMS of the score, on
   *     the held-out draws (standardised units)
   * @param relativeError RMS error of the fitted score over the RMS of the score, held-out draws
   */
  public record Fit(DsmPrior prior, double nonlinearity, double relativeError) {}

  /**
   * Fits the score of {@code target} on {@code draws} draws of {@code q}; deterministic given the
   * inputs and {@code config.seed()}.
   */
  public static Fit fit(FittedPosterior q, Target target, int draws, DsmConfig config) {
    int d = q.dim();
    SplittableRandom seeds = new SplittableRandom(config.seed());
    double[][] x = q.sample(draws, seeds.nextLong());
    double[] center = new double[d];
    double[] scale = new double[d];
    moments(x, center, scale);
    INDArray raw = Nd4j.createFromArray(x);
    INDArray score = target.scoreAt(raw, null).score().castTo(DataType.DOUBLE);
    INDArray u = raw.subRowVector(PriorArrays.row(center, DataType.DOUBLE)).diviRowVector(PriorArrays.row(scale, DataType.DOUBLE));
    INDArray su = score.mulRowVector(PriorArrays.row(scale, DataType.DOUBLE));

    int held = draws / HOLDOUT_EVERY;
    int trainRows = draws - held;
    INDArray uTrain = u.getRows(range(0, trainRows));
    INDArray sTrain = su.getRows(range(0, trainRows));
    INDArray uHeld = u.getRows(range(trainRows, draws));
    INDArray sHeld = su.getRows(range(trainRows, draws));

    double[][] precision = affinePrecision(uTrain, sTrain);
    INDArray p = PriorArrays.matrix(precision, DataType.DOUBLE);
    // the network's target: what the Gaussian part −u P leaves of the score
    INDArray residual = sTrain.add(uTrain.mmul(p));
    INDArray heldResidual = sHeld.add(uHeld.mmul(p));
    double heldNorm = sHeld.norm2Number().doubleValue();

    int[] hidden = config.hidden().stream().mapToInt(Integer::intValue).toArray();
    int[] widths = new int[hidden.length + 2];
    widths[0] = d;
    System.arraycopy(hidden, 0, widths, 1, hidden.length);
    widths[widths.length - 1] = d;
    Mlp mlp = new Mlp(widths, ACTIVATION);
    INDArray params = Nd4j.createFromArray(mlp.initParams(seeds.nextLong(), OUTPUT_SCALE));
    INDArray grads = Nd4j.zerosLike(params);
    Adam adam = Adam.DEFAULT;
    AdamState opt = adam.init(params);
    int batch = Math.min(config.batch(), trainRows);
    MlpPass pass = mlp.pass(params, grads, batch);
    SplittableRandom order = seeds.split();
    int[] perm = range(0, trainRows);
    int at = trainRows;
    for (int it = 0; it < config.iterations(); it++) {
      if (at + batch > trainRows) {
        shuffle(perm, order);
        at = 0;
      }
      int[] pick = java.util.Arrays.copyOfRange(perm, at, at + batch);
      at += batch;
      INDArray ub = uTrain.getRows(pick);
      INDArray rb = residual.getRows(pick);
      INDArray err = pass.forward(ub).sub(rb).muli(2.0 / batch);
      pass.backward(err, false);
      opt = adam.step(params, grads, opt, learningRate(config, it));
    }
    MlpPass check = mlp.pass(params, null, held);
    double error = check.forward(uHeld).sub(heldResidual).norm2Number().doubleValue();
    DsmPrior prior = new DsmPrior(center, scale, precision, hidden, ACTIVATION, params.toDoubleVector());
    return new Fit(prior, heldResidual.norm2Number().doubleValue() / heldNorm, error / heldNorm);
  }

  /**
   * −(B + Bᵀ)/2 for the least-squares fit s_u ≈ u B + b of the standardised score; when that is
   * not positive definite (a target far from log-concave on the draws), the identity, which
   * leaves the whole score to the network.
   */
  static double[][] affinePrecision(INDArray u, INDArray su) {
    int n = u.rows();
    int d = u.columns();
    INDArray design = Nd4j.hstack(u, Nd4j.ones(DataType.DOUBLE, n, 1));
    double[][] gram = design.transpose().mmul(design).toDoubleMatrix();
    double[][] l = null;
    for (double ridge = 0; l == null && ridge <= 1; ridge = ridge == 0 ? 1e-10 * n : ridge * 10) {
      double[][] g = new double[d + 1][];
      for (int i = 0; i <= d; i++) {
        g[i] = gram[i].clone();
        g[i][i] += ridge;
      }
      l = Spd.cholesky(g);
    }
    if (l == null) {
      return identity(d);
    }
    double[][] rhs = design.transpose().mmul(su).toDoubleMatrix();
    double[][] inv = Spd.inverseFromCholesky(l);
    double[][] p = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        double bij = 0;
        double bji = 0;
        for (int k = 0; k <= d; k++) {
          bij += inv[i][k] * rhs[k][j];
          bji += inv[j][k] * rhs[k][i];
        }
        p[i][j] = -0.5 * (bij + bji);
      }
    }
    return Spd.cholesky(p) != null ? p : identity(d);
  }

  private static double[][] identity(int d) {
    double[][] id = new double[d][d];
    for (int i = 0; i < d; i++) {
      id[i][i] = 1;
    }
    return id;
  }

  private static void moments(double[][] x, double[] mean, double[] sd) {
    int n = x.length;
    for (double[] row : x) {
      for (int j = 0; j < mean.length; j++) {
        mean[j] += row[j] / n;
      }
    }
    for (double[] row : x) {
      for (int j = 0; j < mean.length; j++) {
        double c = row[j] - mean[j];
        sd[j] += c * c / (n - 1);
      }
    }
    for (int j = 0; j < sd.length; j++) {
      sd[j] = Math.sqrt(sd[j]);
      if (!(sd[j] > 0)) {
        throw new IllegalArgumentException("score prior: the draws of q have zero spread in coordinate " + j);
      }
    }
  }

  private static double learningRate(DsmConfig config, int it) {
    double progress = config.iterations() == 1 ? 0 : (double) it / (config.iterations() - 1);
    double cosine = 0.5 * (1 + Math.cos(Math.PI * progress));
    return config.lr() * (FINAL_LR_FRACTION + (1 - FINAL_LR_FRACTION) * cosine);
  }

  private static int[] range(int from, int to) {
    int[] r = new int[to - from];
    for (int i = 0; i < r.length; i++) {
      r[i] = from + i;
    }
    return r;
  }

  private static void shuffle(int[] a, SplittableRandom rng) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
