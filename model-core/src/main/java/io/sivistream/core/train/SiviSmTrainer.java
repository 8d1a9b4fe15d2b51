package io.sivistream.core.train;

import io.sivistream.core.linalg.Kernels;
import io.sivistream.core.family.FamilyPass;
import io.sivistream.core.family.SemiImplicitFamily;
import io.sivistream.core.nn.Mlp;
import io.sivistream.core.nn.MlpPass;
import io.sivistream.core.optim.Adam;
import io.sivistream.core.optim.AdamState;
import io.sivistream.core.target.ScoreAt;
import io.sivistream.core.target.Target;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The SIVI-SM iteration (Yu and Zhang, ICLR 2023, Algorithm 1) on preallocated buffers.
 *
 * <p>Objective, a minimax form of the Fisher divergence:
 * min_phi max_f E_{q(x,z)} [ 2 f(x)ᵀ (S(x) - ∇_x log q(x|z)) - |f(x)|² ], with
 * ∇_x log q(x|z) = -eps / sigma under x = mu(z) + sigma * eps. The critic is parametrised as
 * f(x) = net(x) + c_t S(x) with c_t decaying to 0 (the authors' practice: early on the optimal
 * critic S - ∇log q is dominated by S).
 *
 * <p>Each iteration is one family step and then one critic step on fresh draws of the updated
 * family, as the authors do (simultaneous updates on one shared batch cycled instead of
 * converging). The family step needs the critic's input gradient and one Hessian-vector product
 * of the target (the dependence of S(x) on phi); the critic step needs its parameter gradient.
 * All arithmetic goes through {@link io.sivistream.core.linalg.Kernels} on preallocated buffers.
 *
 * <p>Two departures from the paper, both measured (docs/accuracy.md): the critic's regression
 * target averages the conditional score over the batch's components ({@link LatentAveragedScore}:
 * same expected gradient, less noise), and the family may take the transport step instead of the
 * Fisher one ({@link FamilyGradient#TRANSPORT}).
 *
 * <p>Mutable by design (it owns the buffers); the pure API is {@link SiviSm} and the streaming
 * update, which copy the state in and out.
 */
public final class SiviSmTrainer {

  private static final int CHECK_EVERY = 50;

  private final Target target;
  private final TrainConfig config;
  private final Adam adam = Adam.DEFAULT;
  private final int n;
  private final int dim;
  private final INDArray familyParams;
  private final INDArray familyGrads;
  private final INDArray criticParams;
  private final INDArray criticGrads;
  private AdamState familyOpt;
  private AdamState criticOpt;
  private final FamilyPass familyPass;
  private final MlpPass criticPass;
  private final INDArray z;
  private final INDArray eps;
  private final INDArray e;
  private final INDArray residual;
  private final INDArray critic;
  private final INDArray v;
  private final INDArray scaledResidual;
  private final Random rng;
  private final SplittableRandom rowRng;
  private final int[] allRows;
  private final GaussianBaseline baseline;
  // the critic's regression target averaged over the batch's components (null: z-dependent sigma)
  private final LatentAveragedScore latentAverage;
  private final boolean transport;
  // whether the batch's components overlap enough for the averaged target to differ from eps/sigma
  // (re-measured every CHECK_EVERY iterations; in high dimension they never do, and it costs 5%)
  private boolean componentsOverlap = true;
  private boolean checkOverlap = true;
  /** Mean own-component weight above which the averaged target is skipped. */
  static final double OWN_WEIGHT_LIMIT = 0.99;
  // Polyak average of the family parameters over the tail of the run
  private INDArray averaged;
  private long averagedCount;
  private int averageFrom = Integer.MAX_VALUE;
  private long iteration;
  private double lrScale = 1.0;
  private int recoveries;
  private double lossSum;
  private int lossCount;
  private double lastLoss = Double.NaN;
  // last known-good copies for rollback after a non-finite step
  private INDArray goodFamily;
  private INDArray goodCritic;
  private AdamState goodFamilyOpt;
  private AdamState goodCriticOpt;

  /**
   * @param target the (preconditioned) target
   * @param family the family's structure
   * @param criticNet the critic network (d -> d)
   * @param state starting parameters and optimiser moments (copied: the caller's arrays are untouched)
   * @param config training settings
   * @param seed seed of this run's randomness
   */
  public SiviSmTrainer(Target target, SemiImplicitFamily family, Mlp criticNet, EngineState state, TrainConfig config, long seed) {
    this.target = target;
    this.config = config;
    this.n = config.batch();
    this.dim = target.dim();
    DataType type = state.dataType();
    familyParams = state.familyParams().dup();
    criticParams = state.criticParams().dup();
    familyGrads = Nd4j.zerosLike(familyParams);
    criticGrads = Nd4j.zerosLike(criticParams);
    familyOpt = state.familyOpt().copy();
    criticOpt = state.criticOpt().copy();
    iteration = state.iteration();
    familyPass = family.pass(familyParams, familyGrads, n);
    criticPass = criticNet.pass(criticParams, criticGrads, n);
    z = Nd4j.create(type, n, family.latentDim());
    eps = Nd4j.create(type, n, dim);
    e = Nd4j.create(type, n, dim);
    residual = Nd4j.create(type, n, dim);
    critic = Nd4j.create(type, n, dim);
    v = Nd4j.create(type, n, dim);
    scaledResidual = Nd4j.create(type, n, dim);
    rng = Nd4j.getRandomFactory().getNewRandomInstance(seed);
    rowRng = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
    int rows = target.dataRows();
    allRows = new int[rows];
    for (int i = 0; i < rows; i++) {
      allRows[i] = i;
    }
    transport = config.familyGradient() == FamilyGradient.TRANSPORT;
    latentAverage = family.conditionalSigma() ? null : new LatentAveragedScore(type, n, dim);
    baseline = config.gaussianBaseline() ? new GaussianBaseline(dim, 0.02) : null;
    if (baseline != null) {
      Nd4j.getExecutioner().exec(new GaussianDistribution(z, 0.0, 1.0), rng);
      Nd4j.getExecutioner().exec(new GaussianDistribution(eps, 0.0, 1.0), rng);
      baseline.reset(familyPass.sample(z, eps));
      baseline.refresh(type);
    }
    snapshot();
  }

  /**
   * Runs iterations [from, to) of a schedule of total length `total` (the schedule — learning-rate
   * decay, critic shift, annealing — follows the iteration number, so a run split into several
   * calls behaves like one).
   *
   * @param deadlineNanos System.nanoTime() after which to stop early, or 0
   * @return iterations done
   */
  public int run(int from, int to, int total, ProgressListener progress, long deadlineNanos) {
    long start = System.nanoTime();
    int done = 0;
    int reportEvery = Math.max(1, Math.min(500, total / 50));
    for (int i = from; i < to; i++) {
      boolean measure = (i + 1) % CHECK_EVERY == 0 || i == to - 1;
      step(i, measure);
      done++;
      if (measure) {
        checkFinite();
      }
      if ((i + 1) % reportEvery == 0 || i == to - 1) {
        progress.onProgress(i + 1, total, lastLoss, (System.nanoTime() - start) / 1e9);
      }
      if (deadlineNanos != 0 && System.nanoTime() > deadlineNanos) {
        break;
      }
    }
    checkFinite();
    return done;
  }

  private int[] drawRows() {
    int rows = allRows.length;
    int b = config.dataBatch();
    if (rows == 0 || b == 0 || b >= rows) {
      return null;
    }
    // partial Fisher-Yates: a uniform subset without replacement
    for (int i = 0; i < b; i++) {
      int j = i + rowRng.nextInt(rows - i);
      int t = allRows[i];
      allRows[i] = allRows[j];
      allRows[j] = t;
    }
    int[] chosen = new int[b];
    System.arraycopy(allRows, 0, chosen, 0, b);
    return chosen;
  }

  private void step(int local, boolean measureLoss) {
    double c = config.scoreShiftIterations() == 0 ? 0.0
        : config.scoreShift() * Math.max(0.0, 1.0 - (double) local / config.scoreShiftIterations());
    double beta = config.annealIterations() == 0 ? 1.0
        : Math.min(1.0, 0.1 + 0.9 * (double) local / config.annealIterations());
    double lr = lrScale;
    if (config.lrDecayEvery() > 0) {
      lr *= Math.pow(config.lrDecayFactor(), Math.floorDiv(local, config.lrDecayEvery()));
    }

    // alternating (family first, then critic on fresh draws of the updated family), as the
    // authors do: simultaneous updates of the two players cycle instead of converging
    Nd4j.getExecutioner().exec(new GaussianDistribution(z, 0.0, 1.0), rng);
    Nd4j.getExecutioner().exec(new GaussianDistribution(eps, 0.0, 1.0), rng);
    double loss = gradients(z, eps, drawRows(), c, beta, measureLoss, true, false, transport);
    if (baseline != null) {
      baseline.update(familyPass.lastSample());
      if (local % 10 == 0) {
        baseline.refresh(z.dataType());
      }
    }
    familyOpt = adam.step(familyParams, familyGrads, familyOpt, config.familyLr() * lr);
    Nd4j.getExecutioner().exec(new GaussianDistribution(z, 0.0, 1.0), rng);
    Nd4j.getExecutioner().exec(new GaussianDistribution(eps, 0.0, 1.0), rng);
    checkOverlap = measureLoss;
    gradients(z, eps, drawRows(), c, beta, false, false, true, false);
    checkOverlap = true;
    criticOpt = adam.step(criticParams, criticGrads, criticOpt, config.criticLr() * lr);
    iteration++;
    if (local >= averageFrom) {
      if (averaged == null) {
        averaged = familyParams.dup();
        averagedCount = 1;
      } else {
        averagedCount++;
        Kernels.axpby(averaged, 1.0 - 1.0 / averagedCount, averaged, 1.0 / averagedCount, familyParams);
      }
    }
    if (measureLoss) {
      lossSum += loss;
      lossCount++;
      // running mean over the recent measurements, for progress reports
      lastLoss = Double.isNaN(lastLoss) ? loss : 0.9 * lastLoss + 0.1 * loss;
    }
  }

  /**
   * Both players' gradients at the current parameters for given latent draws and noise, written
   * into the family and critic gradient vectors: the family's of L, the critic's of -L, where
   * L = mean over particles of 2 fᵀ(S + e) - |f|².
   *
   * @param c weight of S in the critic parametrisation f = net + c S
   * @param beta annealing factor of the target score
   * @param wantLoss whether to compute L (a device-to-host sync)
   * @param forFamily compute the family's gradient
   * @param forCritic compute the critic's gradient
   * @param transport the family's gradient is the transport one, -(1/n) Σ fᵀ ∂x/∂phi (the
   *     reparameterised gradient of KL(q || p) when f = S − ∇log q), instead of that of L; only
   *     with forFamily and not forCritic
   * @return L, or NaN when not asked for
   */
  double gradients(INDArray z, INDArray eps, int[] rows, double c, double beta, boolean wantLoss,
      boolean forFamily, boolean forCritic, boolean transport) {
    INDArray x = familyPass.sample(z, eps);
    ScoreAt at = target.scoreAt(x, rows);
    INDArray score = at.score();
    if (beta != 1.0) {
      Kernels.scale(score, beta, score);
    }
    // e = eps / sigma = -∇_x log q(x|z)
    Kernels.mulRows(e, eps, familyPass.invSigma());
    if (forCritic && !forFamily && latentAverage != null && (componentsOverlap || checkOverlap)) {
      // the critic's step only: the family's Fisher gradient needs the particle's own e
      double own = latentAverage.apply(x, eps, familyPass.invSigma(), e, checkOverlap);
      if (checkOverlap) {
        componentsOverlap = own < OWN_WEIGHT_LIMIT;
      }
    }
    Kernels.copy(critic, criticPass.forward(x));
    // critic f = net + c S (+ S + P (x - m) with the Gaussian baseline)
    double shift = baseline != null ? c + 1.0 : c;
    if (shift != 0.0) {
      Kernels.axpby(critic, 1.0, critic, shift, score);
    }
    if (baseline != null) {
      baseline.addScoreGap(x, critic);
    }
    // residual R = S + e - f
    Kernels.axpby(residual, 1.0, score, 1.0, e);
    Kernels.axpby(residual, 1.0, residual, -1.0, critic);
    double loss = Double.NaN;
    if (wantLoss) {
      // per-particle 2 fᵀ(S + e) - |f|² = |f|² + 2 fᵀR
      loss = (Kernels.dot(critic, critic) + 2.0 * Kernels.dot(critic, residual)) / n;
    }
    if (forFamily && transport) {
      // the draws move along f ~ S - ∇log q: dLoss/dx = -f/n, and nothing through e
      Kernels.scale(v, -1.0 / n, critic);
      INDArray gradE = critic;
      Kernels.scale(gradE, 0.0, critic);
      familyPass.backward(v, gradE);
      return loss;
    }
    // critic ascends the objective: d(-L)/df = -(2/n) R; its input gradient is -(2/n) J_netᵀ R
    Kernels.scale(scaledResidual, -2.0 / n, residual);
    INDArray inputGrad = criticPass.backward(scaledResidual, forFamily, forCritic);
    if (!forFamily) {
      return loss;
    }
    // family descends: dL/dx = (2/n) [J_netᵀ R + beta H (shift R + f) + P R], dL/de = (2/n) f
    Kernels.axpby(v, 1.0, critic, shift, residual);
    INDArray gradX = at.hessianVectorProduct(v);
    Kernels.scale(gradX, 2.0 * beta / n, gradX);
    if (baseline != null) {
      baseline.addPrecisionTimes(residual, 2.0 / n, gradX);
    }
    Kernels.axpby(gradX, 1.0, gradX, -1.0, inputGrad);
    INDArray gradE = critic;
    Kernels.scale(gradE, 2.0 / n, critic);
    familyPass.backward(gradX, gradE);
    return loss;
  }

  INDArray familyParams() {
    return familyParams;
  }

  /** Draws of the family at its current parameters (a copy), for tests. */
  INDArray sample(INDArray z, INDArray eps) {
    return familyPass.sample(z, eps).dup();
  }

  /** The critic's values f(x) of the last {@link #gradients} call that computed no family gradient (a copy). */
  INDArray lastCriticValues() {
    return critic.dup();
  }

  INDArray familyGrads() {
    return familyGrads;
  }

  INDArray criticParams() {
    return criticParams;
  }

  INDArray criticGrads() {
    return criticGrads;
  }

  private void checkFinite() {
    double f = familyParams.sumNumber().doubleValue() + criticParams.sumNumber().doubleValue();
    if (Double.isFinite(f) && (Double.isNaN(lastLoss) || Double.isFinite(lastLoss))) {
      snapshot();
      return;
    }
    // roll back to the last good parameters and halve the learning rates
    familyParams.assign(goodFamily);
    criticParams.assign(goodCritic);
    familyOpt = goodFamilyOpt.copyInto(familyOpt);
    criticOpt = goodCriticOpt.copyInto(criticOpt);
    lrScale *= 0.5;
    recoveries++;
    lastLoss = Double.NaN;
  }

  private void snapshot() {
    if (goodFamily == null) {
      goodFamily = familyParams.dup();
      goodCritic = criticParams.dup();
      goodFamilyOpt = familyOpt.copy();
      goodCriticOpt = criticOpt.copy();
    } else {
      // in place: for large models these copies are megabytes, and fresh arrays cost more than copying
      Kernels.copy(goodFamily, familyParams);
      Kernels.copy(goodCritic, criticParams);
      goodFamilyOpt = familyOpt.copyInto(goodFamilyOpt);
      goodCriticOpt = criticOpt.copyInto(goodCriticOpt);
    }
  }

  /**
   * Averages the family parameters over iterations >= from (Polyak-Ruppert averaging): the
   * stochastic minimax steps leave the parameters jittering around the optimum, and the average
   * of the jitter is much closer to it than any single iterate.
   */
  public void averageFrom(int from) {
    this.averageFrom = from;
  }

  /** The averaged family parameters, or the current ones when no averaging happened. */
  public INDArray averagedFamilyParams() {
    return averaged == null ? familyParams.dup() : averaged.dup();
  }

  /** Current state (copies). */
  public EngineState state() {
    return new EngineState(familyParams.dup(), criticParams.dup(), familyOpt.copy(), criticOpt.copy(), iteration);
  }

  public int recoveries() {
    return recoveries;
  }

  /** Mean loss over the loss measurements of the last run. */
  public double meanLoss() {
    return lossCount == 0 ? Double.NaN : lossSum / lossCount;
  }
}
