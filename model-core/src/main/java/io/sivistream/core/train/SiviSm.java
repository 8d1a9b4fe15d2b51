package io.sivistream.core.train;

import io.sivistream.core.critic.CriticConfig;
import io.sivistream.core.family.FamilyConfig;
import io.sivistream.core.family.FittedPosterior;
import io.sivistream.core.family.SemiImplicitFamily;
import io.sivistream.core.nn.Mlp;
import io.sivistream.core.optim.Adam;
import io.sivistream.core.target.AffineFrame;
import io.sivistream.core.target.LinearFrame;
import io.sivistream.core.target.Target;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batch SIVI-SM fit (Yu and Zhang, "Semi-Implicit Variational Inference via Score Matching",
 * ICLR 2023).
 *
 * <pre>{@code
 * Target target = Models.build("logistic-regression", data, priorSds, 0);
 * FitResult fit = SiviSm.fit(target, FamilyConfig.DEFAULT, CriticConfig.DEFAULT, TrainConfig.DEFAULT, ProgressListener.NONE);
 * double[][] draws = fit.posterior().sample(4000, 1);
 * }</pre>
 *
 * <p>Steps: a Laplace start (mode and curvature of the target) fixes a standardised frame and the
 * family's initial correlation; SIVI-SM then trains family and critic in that frame.
 */
public final class SiviSm {

  private SiviSm() {}

  /** Fits a semi-implicit posterior to the target in single precision. */
  public static FitResult fit(Target target, FamilyConfig family, CriticConfig critic, TrainConfig train,
      ProgressListener progress) {
    return fit(target, family, critic, train, progress, DataType.FLOAT);
  }

  /** Fits a semi-implicit posterior to the target, training in the given precision (FLOAT or DOUBLE). */
  public static FitResult fit(Target target, FamilyConfig familyConfig, CriticConfig criticConfig, TrainConfig train,
      ProgressListener progress, DataType type) {
    long start = System.nanoTime();
    train = schedule(target, train);
    long deadline = train.timeBudgetSeconds() > 0 ? start + (long) (train.timeBudgetSeconds() * 1e9) : 0;
    LinearFrame white = whitening(target);
    if (white != null) {
      FitResult inner = fitInFrame(white, familyConfig, criticConfig, train, progress, type, start, deadline);
      return new FitResult(new WhitenedPosterior(inner.posterior(), white), inner.iterations(), inner.finalLoss(),
          inner.recoveries(), (System.nanoTime() - start) / 1e9);
    }
    return fitInFrame(target, familyConfig, criticConfig, train, progress, type, start, deadline);
  }

  /** Largest dimension whose fit runs in a whitened frame (the frame costs d² per particle and step). */
  static final int WHITEN_LIMIT = 256;

  /**
   * The frame whitening the target's Laplace approximation, for a log-concave target of dimension
   * up to {@value #WHITEN_LIMIT}; null otherwise. On the waveform posterior it took the max log sd
   * ratio from 0.10-0.12 (the intercept, 10% too narrow) to 0.040-0.045 and the mean error from
   * 0.054-0.060 to 0.032-0.036 (seeds 1, 2; docs/accuracy.md).
   */
  static LinearFrame whitening(Target target) {
    if (!target.logConcave() || target.dim() > WHITEN_LIMIT) {
      return null;
    }
    LaplaceStart laplace = LaplaceStart.of(target);
    if (laplace.correlation() == null) {
      return null;
    }
    try {
      return LinearFrame.whitening(target, laplace.mode(), laplace.covariance());
    } catch (IllegalArgumentException notPositiveDefinite) {
      return null;
    }
  }

  private static FitResult fitInFrame(Target target, FamilyConfig familyConfig, CriticConfig criticConfig,
      TrainConfig train, ProgressListener progress, DataType type, long start, long deadline) {
    LaplaceStart laplace = start(target, train.seed());
    SemiImplicitFamily family = new SemiImplicitFamily(target.dim(), target.parameterNames(), familyConfig);
    Mlp criticNet = criticNetwork(target.dim(), criticConfig);
    EngineState state = initialState(family, criticNet, laplace.correlation(), train.seed(), type);
    double[] center = laplace.mode();
    double[] scale = laplace.sd();
    int total = train.iterations();
    int done = 0;
    int recoveries = 0;
    double loss = Double.NaN;
    int[] stageEnds = stageEnds(total);
    for (int stage = 0; stage < stageEnds.length; stage++) {
      if (stage > 0) {
        // adapt the working frame to the current fit (the Laplace guess can be far off for
        // curved or heavy-tailed targets); the move leaves the distribution unchanged
        Frame moved = Frame.adapt(family, criticNet, state, center, scale, train.seed() + stage);
        state = moved.state();
        center = moved.center();
        scale = moved.scale();
      }
      AffineFrame frame = new AffineFrame(target, center, scale);
      SiviSmTrainer trainer = new SiviSmTrainer(frame, family, criticNet, state, train, train.seed() * 31 + stage);
      if (stage == stageEnds.length - 1) {
        trainer.averageFrom((int) (total * 0.6));
      }
      int from = stage == 0 ? 0 : stageEnds[stage - 1];
      done += trainer.run(from, stageEnds[stage], total, progress, deadline);
      state = trainer.state();
      if (stage == stageEnds.length - 1) {
        state = new EngineState(trainer.averagedFamilyParams(), state.criticParams(), state.familyOpt(), state.criticOpt(), state.iteration());
      }
      recoveries += trainer.recoveries();
      loss = trainer.meanLoss();
      if (deadline != 0 && System.nanoTime() > deadline) {
        break;
      }
    }
    FittedPosterior posterior = new FittedPosterior(family, state.familyParams().castTo(DataType.DOUBLE).toDoubleVector(),
        center, scale);
    return new FitResult(posterior, done, loss, recoveries, (System.nanoTime() - start) / 1e9);
  }

  /**
   * How far, in the Laplace approximation's own sds, a Gaussian variational fit moves the mean
   * from the mode (the largest coordinate) beyond which {@code auto} takes the transport step for
   * a log-concave target. Measured on the waveform logistic regression (22 coefficients, prior
   * N(0, 10²)) against 20,000 NUTS draws of the same rows (docs/accuracy.md, "Few rows per
   * parameter"): where the shift was 2.94-3.44 sd (40, 80, 120 training rows; 80 test rows) the
   * fisher step ended at energy 1.3-4.6, 16,000 iterations did not help (2.1), and the transport
   * step reached 0.026-0.052; where it was 1.28-2.06 sd (150-400 rows of either file) the plain
   * fisher step scored 0.012-0.022 and auto's fisher schedule 0.002-0.006, better than transport
   * on sds (log sd 0.03 against 0.12). 2.4 lies in the gap between 2.06 and 2.94.
   */
  static final double FAR_FROM_GAUSSIAN_SHIFT = 2.4;

  /**
   * The largest |variational mean − Laplace mode| / Laplace sd over the coordinates, or 0 when
   * the target has no usable Laplace approximation (then the shift says nothing).
   */
  public static double gaussianShift(Target target, long seed) {
    if (target.dim() > LaplaceStart.DENSE_LIMIT) {
      return 0;
    }
    LaplaceStart laplace = LaplaceStart.of(target);
    if (laplace.correlation() == null) {
      return 0;
    }
    LaplaceStart vi = GaussianStart.refine(target, laplace, GAUSSIAN_START_ITERATIONS, GAUSSIAN_START_DRAWS, seed);
    return laplace.maxDistanceInSds(vi.mode());
  }

  private static boolean farFromGaussian(Target target, long seed) {
    return gaussianShift(target, seed) > FAR_FROM_GAUSSIAN_SHIFT;
  }

  /** Iterations and draws per iteration of the Gaussian variational fit that starts a fit. */
  static final int GAUSSIAN_START_ITERATIONS = 1500;
  static final int GAUSSIAN_START_DRAWS = 16;

  /**
   * The Gaussian start of a fit: Laplace, refined by a Gaussian variational fit when the target
   * is log-concave (see {@link GaussianStart}).
   */
  public static LaplaceStart start(Target target, long seed) {
    LaplaceStart laplace = LaplaceStart.of(target);
    if (target.logConcave() && target.dim() <= LaplaceStart.DENSE_LIMIT) {
      return GaussianStart.refine(target, laplace, GAUSSIAN_START_ITERATIONS, GAUSSIAN_START_DRAWS, seed);
    }
    return laplace;
  }

  /** Step decay used for log-concave targets when train.lrDecayEvery is left at its default. */
  static final int LOG_CONCAVE_DECAY_EVERY = 1000;

  /**
   * The settings this target's batch fit runs with, filling in what was left at the defaults.
   *
   * <p>A log-concave target (a GLM posterior) starts at a Gaussian variational fit, so its run
   * only refines: it takes the paper's Fisher step, and a faster decay lets the family settle (on
   * the waveform posterior, seeds 1-4, 4,000 iterations, halving every 1,000 instead of every
   * 3,000 iterations took the energy distance from 0.009-0.011 to 0.003-0.005 and the correlation
   * error from 0.15-0.17 to 0.10-0.14).
   *
   * <p>Any other target must travel far from its Gaussian start (bend, split into arms or modes):
   * its family takes the transport step ({@link FamilyGradient#TRANSPORT}) with the critic held at
   * net + S, for {@value #TRANSPORT_ITERATIONS} iterations of {@value #TRANSPORT_BATCH} particles
   * with the rates halved every {@value #TRANSPORT_DECAY_EVERY}. On the paper's 2-D targets this
   * took banana from 0.14 to at most 0.0021 in energy distance (seeds 2, 5, 7, 9, 10), x-shaped
   * from 0.006-0.016 to about 0.001, multimodal from 0.011-0.06 to about 0 (docs/accuracy.md).
   *
   * <p>Only with train.familyGradient left at AUTO, and a value the user sets other than the
   * default is kept as is; the result names its family step, so a second call changes nothing
   * (the fit command resolves the settings first to report them, then applies its overrides).
   */
  public static TrainConfig schedule(Target target, TrainConfig train) {
    if (train.familyGradient() != FamilyGradient.AUTO) {
      // already chosen (by the user, or by an earlier call): taken literally
      return train;
    }
    TrainConfig d = TrainConfig.DEFAULT;
    if (!target.logConcave()) {
      train = train.withFamilyGradient(FamilyGradient.TRANSPORT);
      if (train.iterations() == d.iterations()) {
        train = train.withIterations(TRANSPORT_ITERATIONS);
      }
      if (train.lrDecayEvery() == d.lrDecayEvery()) {
        train = train.withLrDecayEvery(TRANSPORT_DECAY_EVERY);
      }
      if (train.batch() == d.batch()) {
        train = train.withBatch(TRANSPORT_BATCH);
      }
      if (train.scoreShift() == d.scoreShift() && train.scoreShiftIterations() == d.scoreShiftIterations()) {
        // c stays 1: the network learns only -∇log q, the part the regression target gives noisily
        train = train.withScoreShift(1.0, Integer.MAX_VALUE);
      }
      return train;
    }
    if (farFromGaussian(target, train.seed())) {
      // log-concave, but the mass sits far from the mode (few rows per parameter, near
      // separation): the fisher step, which refines the Gaussian start, cannot get there; the
      // transport step travels (waveform at 80 rows: energy 4.56 fisher, 0.027 transport)
      return train.withFamilyGradient(FamilyGradient.TRANSPORT);
    }
    train = train.withFamilyGradient(FamilyGradient.FISHER);
    if (train.lrDecayEvery() == d.lrDecayEvery()) {
      train = train.withLrDecayEvery(LOG_CONCAVE_DECAY_EVERY);
    }
    if (train.scoreShift() == d.scoreShift() && train.scoreShiftIterations() == d.scoreShiftIterations()) {
      train = train.withScoreShift(LOG_CONCAVE_SCORE_SHIFT, LOG_CONCAVE_SHIFT_SPAN * train.iterations());
    }
    return train;
  }

  /** Default length of a transport fit (non-log-concave targets), used when train.iterations is left at its default. */
  static final int TRANSPORT_ITERATIONS = 16000;
  /**
   * Step decay of a transport fit left at the default: on banana (seeds 1 and 3) halving every
   * 2,000 iterations scored 0.0006-0.0031, every 3,000 0.0056-0.0062, every 5,000 0.017-0.066.
   */
  static final int TRANSPORT_DECAY_EVERY = 2000;
  /**
   * Particles per iteration of a transport fit left at the default: on banana, 100 particles
   * scored 0.0185 on seed 5 (at most 0.0055 on seeds 1-4, 6), 200 at most 0.0021 on seeds
   * 2, 5, 7, 9, 10, for 1.25 times the time per iteration.
   */
  static final int TRANSPORT_BATCH = 200;

  /**
   * Critic parametrisation f = net + c S for log-concave batch fits, with c falling from 1 to 0.8
   * over the run (the authors' "TransTrick" on this task keeps c near 1 for as long). The optimum
   * is unchanged (the network absorbs any c); the critic simply starts at S, the dominant part of
   * the optimal critic S - grad log q. Waveform, seeds 1-4, 4,000 iterations: energy
   * 0.0006-0.0024 instead of 0.0026-0.0063, correlation error 0.087-0.107 instead of 0.10-0.15;
   * the log sd ratio stays where it was (0.100-0.116: the intercept, see docs/accuracy.md).
   */
  static final double LOG_CONCAVE_SCORE_SHIFT = 1.0;
  /** c reaches 0 after this many times the run's length, so it ends at 1 - 1/5 = 0.8. */
  static final int LOG_CONCAVE_SHIFT_SPAN = 5;

  /** Iterations at which the frame is re-estimated: after 5% and 20% of the run (when long enough). */
  static int[] stageEnds(int total) {
    if (total < 400) {
      return new int[] {total};
    }
    return new int[] {total / 20, total / 5, total};
  }

  public static Mlp criticNetwork(int dim, CriticConfig config) {
    int[] widths = new int[config.hidden().size() + 2];
    widths[0] = dim;
    for (int i = 0; i < config.hidden().size(); i++) {
      widths[i + 1] = config.hidden().get(i);
    }
    widths[widths.length - 1] = dim;
    return new Mlp(widths, config.activation());
  }

  public static EngineState initialState(SemiImplicitFamily family, Mlp critic, double[][] correlation, long seed, DataType type) {
    return initialState(family.initParams(seed, correlation), critic, seed, type);
  }

  /** A start with the given family parameters and a fresh critic and optimiser. */
  public static EngineState initialState(double[] family, Mlp critic, long seed, DataType type) {
    INDArray familyParams = Nd4j.createFromArray(family).castTo(type);
    INDArray criticParams = Nd4j.createFromArray(critic.initParams(seed + 1, 0.1)).castTo(type);
    Adam adam = Adam.DEFAULT;
    return new EngineState(familyParams, criticParams, adam.init(familyParams), adam.init(criticParams), 0);
  }
}
