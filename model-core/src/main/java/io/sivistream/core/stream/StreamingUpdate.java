package io.sivistream.core.stream;

import io.sivistream.core.data.Dataset;
import io.sivistream.core.family.FittedPosterior;
import io.sivistream.core.family.SemiImplicitFamily;
import io.sivistream.core.linalg.Spd;
import io.sivistream.core.nn.Mlp;
import io.sivistream.core.optim.AdamState;
import io.sivistream.core.stream.prior.DsmConfig;
import io.sivistream.core.stream.prior.DsmPrior;
import io.sivistream.core.stream.prior.GaussianPrior;
import io.sivistream.core.stream.prior.IndependentNormalPrior;
import io.sivistream.core.stream.prior.MixturePrior;
import io.sivistream.core.stream.prior.PriorCodec;
import io.sivistream.core.stream.prior.SemiImplicitPrior;
import io.sivistream.core.stream.prior.TemperedPrior;
import io.sivistream.core.summary.DrawSummary;
import io.sivistream.core.target.AffineFrame;
import io.sivistream.core.target.Likelihood;
import io.sivistream.core.target.NormalPrior;
import io.sivistream.core.target.PosteriorTarget;
import io.sivistream.core.target.Prior;
import io.sivistream.core.train.EngineState;
import io.sivistream.core.train.Frame;
import io.sivistream.core.target.Target;
import io.sivistream.core.target.TargetPrior;
import io.sivistream.core.train.GaussianStart;
import io.sivistream.core.train.LaplaceStart;
import io.sivistream.core.train.ProgressListener;
import io.sivistream.core.train.SiviSm;
import io.sivistream.core.train.SiviSmTrainer;
import io.sivistream.core.train.TrainConfig;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One window of the streaming update: a pure function of (previous state, window rows) — the seed
 * is part of the state — returning the next state and the window's summary.
 *
 * <pre>{@code
 * StreamingUpdate update = new StreamingUpdate(model);
 * PosteriorState state = null;
 * for (Dataset window : windows) {
 *   WindowResult r = update.apply(state, window);
 *   publish(r.summary());
 *   state = r.state();
 * }
 * }</pre>
 *
 * <p>Recursive mode trains on prior_t(x) · likelihood(window) where prior_t is the previous
 * posterior's snapshot ({@link StreamConfig.PriorKind}), tempered with p_0 by the forgetting
 * factor; sliding mode trains on p_0(x) · likelihood(last N windows). Each update is warm-started
 * from the previous family, critic and Adam moments, in a working frame centred on the previous
 * posterior (moved exactly, so the distribution is unchanged by the move).
 */
public final class StreamingUpdate {

  private static final DataType TYPE = DataType.FLOAT;

  /** Cap on the raw numbers (rows x parameters) kept in the state before the first snapshot. */
  static final long MAX_RETAINED_VALUES = 2_000_000;
  /** From this many rows per parameter on, a log-concave window starts at its Laplace approximation. */
  static final int GAUSSIAN_ROWS_PER_PARAMETER = 50;

  /**
   * Rows per parameter from which a first window starts at its Laplace approximation instead of
   * a full cold fit. Higher than for later windows because a first window has no warm critic and
   * its refinement cannot move the mode to the mean: at 667 rows per parameter (3-parameter
   * logistic regression) the mode sat 0.07-0.12 sd from the NUTS mean, a gap that shrinks as
   * 1/sqrt(rows).
   */
  static final int COLD_LAPLACE_ROWS_PER_PARAMETER = 1000;
  /**
   * Share of the family's rate for windows that start at the Laplace approximation: Adam's steps
   * do not shrink near the optimum, and at the full rate they moved the mean of an exact start by
   * 0.1-0.4 sd within 200 iterations (0.1 at 0.03 of the rate, 0.2 at 0.1: conjugate check).
   */
  static final double GENTLE_FAMILY_RATE = 0.03;

  /** Damped Newton steps allowed to reach a window target's mode (a log-concave GLM converges in under 20). */
  static final int NEWTON_STEPS = 50;
  /**
   * Iterations and draws per iteration of the Gaussian variational fit that starts a log-concave
   * window below GAUSSIAN_ROWS_PER_PARAMETER (set by earlier sessions on the waveform stream; not
   * re-measured).
   */
  static final int GAUSSIAN_REFINE_ITERATIONS = 600;
  static final int GAUSSIAN_REFINE_DRAWS = 16;
  /** A cold Laplace start is accepted only at the mode: a Newton decrement at rounding level, per parameter. */
  static final double MODE_DECREMENT_PER_PARAMETER = 1e-8;
  /**
   * {@code auto} takes the Laplace snapshot once the published mean sits within this many Laplace
   * sds of the target's mode in every coordinate, and keeps the rows until then. Measured on the
   * waveform stream (rows 2,001-3,000 and 2,001-4,000 of waveform_test.csv, windows of 50,
   * docs/streaming.md "What an auto kind would have to test"): a snapshot taken at a gap of about
   * 1.1 (440 rows) left the final posterior 0.88-0.90 sd off, about 0.8 times the gap, so a gap of
   * 0.15 bounds a snapshot's own contribution near 0.12 sd, under the 0.2 sd goal.
   */
  static final double AUTO_MAX_MODE_GAP = 0.15;
  /**
   * Share of the rates in windows that start reshaped. Measured with the correlation map
   * (waveform_test rows 2,001-4,000, windows of 50): at the full rate
   * seed 1 ended at worst mean 0.12 sd but seed 2 at 0.44 (energy 0.12); at 0.3 of it 0.16 and
   * 0.10 (energy 0.015, 0.007).
   */
  static final double RESHAPED_RATE = 0.3;
  /** Draws of the previous posterior whose moments start that fit. */
  static final int MOMENT_DRAWS = 2000;

  private final ModelDefinition model;
  private final SemiImplicitFamily family;
  private final Mlp critic;

  public StreamingUpdate(ModelDefinition model) {
    this.model = model;
    this.family = new SemiImplicitFamily(model.dim(), model.parameterNames(), model.family());
    this.critic = SiviSm.criticNetwork(model.dim(), model.critic());
  }

  public ModelDefinition model() {
    return model;
  }

  /**
   * Updates the posterior with one window of rows.
   *
   * @param previous the state after the previous window, or null for the first window
   * @param window this window's rows (at least one)
   */
  public WindowResult apply(PosteriorState previous, Dataset window) {
    return apply(previous, window, window.rows());
  }

  /**
   * Updates the posterior with one window whose rows may be a uniform sample of more: the job
   * keeps at most a capped number of rows per window, and each kept row then stands for
   * rowsSeen / window.rows() rows in the likelihood (so the posterior is that of the true count,
   * up to the sample's noise). A sampled window ends row retention (it is not kept, and the
   * rows kept before it enter its target unweighted). In sliding mode the weight applies to the
   * window's own update only: later windows count its kept rows once each.
   *
   * @param rowsSeen rows the window held, at least window.rows()
   */
  public WindowResult apply(PosteriorState previous, Dataset window, long rowsSeen) {
    if (rowsSeen < window.rows()) {
      throw new IllegalArgumentException("a window cannot hold fewer rows (" + rowsSeen + ") than it passes ("
          + window.rows() + ")");
    }
    boolean sampled = rowsSeen > window.rows();
    double weight = (double) rowsSeen / window.rows();
    long started = System.nanoTime();
    StreamConfig stream = model.stream();
    long index = previous == null ? 1 : previous.windowIndex() + 1;
    long baseSeed = previous == null ? model.train().seed() : previous.seed();
    long seed = mix(baseSeed, index);

    List<double[][]> keptFeatures = new ArrayList<>();
    List<double[]> keptLabels = new ArrayList<>();
    if (stream.mode() == StreamConfig.Mode.SLIDING) {
      if (previous != null) {
        keptFeatures.addAll(previous.retainedFeatures());
        keptLabels.addAll(previous.retainedLabels());
      }
      keptFeatures.add(window.features());
      keptLabels.add(window.labels());
      while (keptFeatures.size() > stream.slidingWindows()) {
        keptFeatures.remove(0);
        keptLabels.remove(0);
      }
    }
    // recursive mode keeps the raw rows of the first windows, until there are
    // stream.retainRowsPerParameter rows per parameter: a posterior from fewer rows can be far from
    // what a snapshot represents (quasi-separation in a logistic regression), and an early
    // snapshot's error is never undone. Until then each window's target is p_0 × all rows so far.
    boolean accumulating = stream.mode() == StreamConfig.Mode.RECURSIVE && previous != null
        && previous.nextPrior().length == 0 && !previous.retainedFeatures().isEmpty();
    if (accumulating) {
      keptFeatures.addAll(previous.retainedFeatures());
      keptLabels.addAll(previous.retainedLabels());
    }
    if (stream.mode() == StreamConfig.Mode.RECURSIVE && (previous == null || accumulating)) {
      keptFeatures.add(window.features());
      keptLabels.add(window.labels());
    }
    // a sampled window's rows carry a weight, so they are never kept beside unweighted ones: the
    // rows kept before it become part of its prior, and the snapshot is taken now
    Dataset earlier = null;
    if (sampled && stream.mode() == StreamConfig.Mode.RECURSIVE && (previous == null || accumulating)) {
      keptFeatures.remove(keptFeatures.size() - 1);
      keptLabels.remove(keptLabels.size() - 1);
      earlier = keptFeatures.isEmpty() ? null : concat(window, keptFeatures, keptLabels);
      keptFeatures.clear();
      keptLabels.clear();
    }
    Dataset rows = keptFeatures.isEmpty() ? window : concat(window, keptFeatures, keptLabels);
    boolean recursive = stream.mode() == StreamConfig.Mode.RECURSIVE;
    boolean auto = stream.prior() == StreamConfig.PriorKind.AUTO;
    // a snapshot is due when no rows are kept (after the first snapshot, or a sampled window), when
    // the kept rows reach the cap, and, past the minimum of stream.retainRowsPerParameter rows per
    // parameter, either at once or (auto) once the posterior is close enough to its Laplace
    // approximation (decided after the fit)
    boolean retainedEnough = rows.rows() >= (long) stream.retainRowsPerParameter() * model.dim();
    boolean mustSnapshot = recursive && (keptFeatures.isEmpty() || (long) rows.rows() * model.dim() > MAX_RETAINED_VALUES);
    Prior prior = previous == null || previous.nextPrior().length == 0 ? model.basePrior()
        : PriorCodec.decode(previous.nextPrior(), dim -> new SemiImplicitPrior(
            new FittedPosterior(family, previous.familyParams(), previous.center(), previous.scale()), mix(seed, 7)));
    if (earlier != null) {
      prior = new TargetPrior(new PosteriorTarget(prior, model.likelihood().apply(earlier)));
    }
    Likelihood likelihood = model.likelihood().apply(rows);
    PosteriorTarget target = new PosteriorTarget(prior, likelihood, weight);

    WindowStart begin;
    try {
      begin = start(previous, target, window, seed);
    } catch (IllegalArgumentException degenerate) {
      // the Gaussian start's frame refused a zero or non-finite scale (rows beyond what the
      // model can take in floating point): say so in the user's terms
      throw degenerateWindow(degenerate.getMessage());
    }
    double[] center = begin.center();
    double[] scale = begin.scale();
    requireUsableStart(center, scale);
    TrainConfig train = begin.train();
    // this window's target's Laplace approximation, when the start computed it: the snapshot reuses it
    LaplaceStart newton = begin.newton();
    EngineState start = begin.engine();
    AffineFrame frame = new AffineFrame(target, center, scale);
    SiviSmTrainer trainer = new SiviSmTrainer(frame, family, critic, start, train, seed);
    trainer.averageFrom(train.iterations() / 2);
    int iterations = trainer.run(0, train.iterations(), train.iterations(), ProgressListener.NONE, 0);
    EngineState end = trainer.state();

    double[] familyParams = toDoubles(trainer.averagedFamilyParams());
    FittedPosterior posterior = new FittedPosterior(family, familyParams, center, scale);
    double[][] draws = posterior.sample(stream.summaryDraws(), mix(seed, 1));
    DrawSummary stats = DrawSummary.of(model.parameterNames(), draws);
    requireFinite(stats, familyParams);

    // move the working frame to this posterior's mean and sd for the next window
    double[] newCenter = stats.mean().clone();
    double[] newScale = positive(stats.sd(), scale);
    double[] movedFamily = family.reframe(familyParams, center, scale, newCenter, newScale);
    double[] movedCritic = Frame.reframeCritic(critic, toDoubles(end.criticParams()), center, scale, newCenter, newScale);
    FittedPosterior moved = new FittedPosterior(family, movedFamily, newCenter, newScale);

    // auto keeps the rows until the posterior is close to its Laplace approximation; with
    // forgetting it cannot (kept rows would count fully, never forgotten), so it snapshots as laplace does
    double modeGap = Double.NaN;
    boolean snapshotNow = mustSnapshot || (recursive && retainedEnough && !auto);
    if (recursive && auto) {
      // reported in every window, also after the snapshot (where it says how Gaussian the posterior stays)
      newton = newton != null ? newton : laplaceOf(target, stats.mean());
      modeGap = newton == null ? Double.NaN : newton.maxDistanceInSds(stats.mean());
      snapshotNow |= retainedEnough && (modeGap <= AUTO_MAX_MODE_GAP || stream.forgetting() < 1.0);
    }
    NextPrior.Kind nextKind;
    byte[] nextPrior;
    if (snapshotNow) {
      keptFeatures.clear();
      keptLabels.clear();
      Snapshot snapshot = nextPrior(moved, stats.mean(), target, newton, seed);
      nextPrior = PriorCodec.encode(snapshot.prior());
      nextKind = snapshot.kind();
    } else {
      nextPrior = new byte[0];
      nextKind = recursive ? NextPrior.Kind.RETAINED_ROWS : NextPrior.Kind.SLIDING_ROWS;
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    UpdateStatus status = trainer.recoveries() > 0 ? UpdateStatus.RECOVERED : UpdateStatus.OK;
    UpdateDiagnostics diagnostics = new UpdateDiagnostics(trainer.meanLoss(), norm(end.criticParams()), iterations, millis, status);
    long rowsTotal = (previous == null ? 0 : previous.rowsTotal()) + rowsSeen;
    PosteriorState next = new PosteriorState(index, rowsTotal, baseSeed, newCenter, newScale, movedFamily, movedCritic,
        toDoubles(end.familyOpt().m()), toDoubles(end.familyOpt().v()), toDoubles(end.criticOpt().m()),
        toDoubles(end.criticOpt().v()), end.familyOpt().t(), nextPrior, keptFeatures, keptLabels);
    return new WindowResult(next, new WindowSummary(index, rowsSeen, sampled ? window.rows() : 0, rowsTotal, stats, diagnostics,
        new NextPrior(nextKind, modeGap)), moved);
  }

  /**
   * Where a window's training begins: the working frame (centre, scale), the engine state, the
   * training schedule, and the target's Laplace approximation when the start computed one.
   */
  private record WindowStart(double[] center, double[] scale, EngineState engine, TrainConfig train, LaplaceStart newton) {}

  /** One start strategy per case (docs/streaming.md, "One window", step 2). */
  private WindowStart start(PosteriorState previous, PosteriorTarget target, Dataset window, long seed) {
    if (previous == null) {
      LaplaceStart newton = coldLaplace(target, window.rows());
      return newton != null ? firstAtLaplace(newton, seed) : firstCold(target, seed);
    }
    boolean unimodal = target.logConcave() && model.dim() <= LaplaceStart.DENSE_LIMIT;
    if (unimodal && model.stream().mode() == StreamConfig.Mode.RECURSIVE && previous.nextPrior().length == 0) {
      return reshapedStart(previous, target, seed);
    }
    if (unimodal) {
      return gaussianRestart(previous, target, window, seed);
    }
    return warmStart(previous);
  }

  /**
   * A first window that already holds COLD_LAPLACE_ROWS_PER_PARAMETER rows per parameter of a
   * log-concave model starts where later windows do: at its own Laplace approximation, refined
   * gently. A full cold fit (mode search, Gaussian VI, firstWindowIterations of SIVI-SM) took
   * about a minute on a 50,000-row window and left a backlog behind it; this takes a second.
   */
  private WindowStart firstAtLaplace(LaplaceStart newton, long seed) {
    EngineState engine = SiviSm.initialState(family.initParamsCentred(seed, newton.correlation()), critic, seed, TYPE);
    TrainConfig train = warm(model.train(), model.stream().iterationsPerWindow(), 1.0);
    return new WindowStart(newton.mode(), newton.sd(), engine, train.withFamilyLr(train.familyLr() * GENTLE_FAMILY_RATE),
        newton);
  }

  /** Any other first window: the full cold fit (Laplace start, Gaussian refinement, firstWindowIterations). */
  private WindowStart firstCold(PosteriorTarget target, long seed) {
    LaplaceStart laplace = SiviSm.start(target, seed);
    EngineState engine = SiviSm.initialState(family, critic, laplace.correlation(), seed, TYPE);
    TrainConfig train = withIterations(model.train(), model.stream().firstWindowIterations(), model.train().scoreShift());
    return new WindowStart(laplace.mode(), laplace.sd(), engine, train, null);
  }

  /**
   * A unimodal target: the family restarts at a Gaussian fit of this window's target, the critic
   * stays warm (moved exactly into the new frame), and SIVI-SM only refines what is not Gaussian.
   * With Laplace snapshots, once the posterior rests on GAUSSIAN_ROWS_PER_PARAMETER rows per
   * parameter, the start is the target's own Laplace approximation (exact for linear-Gaussian
   * streams), refined at GENTLE_FAMILY_RATE; before that the mode can sit far from the mean
   * (measured: a mode start left the 400-row waveform posterior 1.1 sd off), and a Gaussian
   * variational fit begun from the previous posterior's moments (its mean, not its mode) is the
   * better start.
   */
  private WindowStart gaussianRestart(PosteriorState previous, PosteriorTarget target, Dataset window, long seed) {
    // (auto reaches this start in recursive mode only after its snapshot, i.e. once the mean sat
    // within AUTO_MAX_MODE_GAP Laplace sds of the mode)
    boolean atLaplace = model.stream().prior().laplaceSnapshot()
        && previous.rowsTotal() + window.rows() >= (long) GAUSSIAN_ROWS_PER_PARAMETER * model.dim();
    LaplaceStart newton = atLaplace ? LaplaceStart.newton(target, previous.center(), NEWTON_STEPS) : null;
    LaplaceStart refined = newton != null ? newton
        : GaussianStart.refine(target, previousMoments(previous, seed), GAUSSIAN_REFINE_ITERATIONS, GAUSSIAN_REFINE_DRAWS,
            mix(seed, 6));
    double[] center = refined.mode();
    double[] scale = refined.sd();
    EngineState fresh = SiviSm.initialState(family.initParamsCentred(seed, refined.correlation()), critic, seed, TYPE);
    double[] movedCritic = Frame.reframeCritic(critic, previous.criticParams(), previous.center(), previous.scale(), center, scale);
    INDArray criticParams = Nd4j.createFromArray(movedCritic).castTo(TYPE);
    EngineState engine = new EngineState(fresh.familyParams(), criticParams, fresh.familyOpt(), new AdamState(
        Nd4j.zerosLike(criticParams), Nd4j.zerosLike(criticParams), 0), previous.adamSteps());
    TrainConfig train = warm(model.train(), model.stream().iterationsPerWindow(), 1.0);
    if (newton != null) {
      train = train.withFamilyLr(train.familyLr() * GENTLE_FAMILY_RATE);
    }
    return new WindowStart(center, scale, engine, train, newton);
  }

  /**
   * A window whose target is still p_0 × every row so far (no snapshot yet): the target differs
   * from the previous one by this window's rows, so the previous posterior's shape (its skew and
   * correlations, in its own standardised frame) is kept as it is, and only the frame moves, to
   * the mean and sd of a Gaussian variational fit of the new target begun from the previous
   * posterior's moments. Family, critic and Adam moments carry over unchanged. Measured against
   * the Gaussian restart below (family re-initialised at that fit, critic warm; waveform_test rows
   * 2,001-3,000 in windows of 50, 200 iterations a window, against NUTS): energy 0.010 instead of
   * 0.038, worst mean 0.13 sd instead of 0.30, in 0.75 s a window instead of 3.8 s at 600
   * iterations (docs/streaming.md, "The auto kind"). A warm family alone, in the moved frame,
   * cannot follow: a posterior that narrows by a third between windows left it 20-60 sd behind
   * within five windows.
   */
  private WindowStart reshapedStart(PosteriorState previous, PosteriorTarget target, long seed) {
    LaplaceStart moments = previousMoments(previous, seed);
    LaplaceStart refined = GaussianStart.refine(target, moments, GAUSSIAN_REFINE_ITERATIONS, GAUSSIAN_REFINE_DRAWS, mix(seed, 6));
    EngineState engine = engineState(previous);
    double[][] map = correlationMap(moments.correlation(), refined.correlation());
    if (map != null && !family.conditionalSigma()) {
      INDArray moved = Nd4j.createFromArray(family.transform(previous.familyParams(), map)).castTo(TYPE);
      engine = new EngineState(moved, engine.criticParams(), engine.familyOpt(), engine.criticOpt(), engine.iteration());
    }
    return new WindowStart(refined.mode(), refined.sd(), engine,
        warm(model.train(), model.stream().iterationsPerWindow(), RESHAPED_RATE), null);
  }

  /**
   * The map L_to L_from⁻¹ (Cholesky factors) that takes standardised coordinates of correlation
   * {@code from} to correlation {@code to}; null when either is not positive definite.
   */
  static double[][] correlationMap(double[][] from, double[][] to) {
    double[][] lf = Spd.cholesky(from);
    double[][] lt = Spd.cholesky(to);
    if (lf == null || lt == null) {
      return null;
    }
    int d = from.length;
    // A = lt · lf⁻¹: solve A lf = lt row by row (lf lower triangular), i.e. lfᵀ aᵀ = ltᵀ
    double[][] a = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = d - 1; j >= 0; j--) {
        double v = lt[i][j];
        for (int k = j + 1; k < d; k++) {
          v -= a[i][k] * lf[k][j];
        }
        a[i][j] = v / lf[j][j];
      }
    }
    return a;
  }

  /** Any other window (a target that is not log-concave, or too large): family, critic and Adam moments warm. */
  private WindowStart warmStart(PosteriorState previous) {
    return new WindowStart(previous.center(), previous.scale(), engineState(previous),
        warm(model.train(), model.stream().iterationsPerWindow(), 1.0), null);
  }

  /**
   * The Newton-Laplace start of a first window, or null when the window should get the full cold
   * fit: another prior kind, a target that is not log-concave or too large for a dense Hessian,
   * fewer than COLD_LAPLACE_ROWS_PER_PARAMETER rows per parameter, or Newton not reaching the
   * mode from the origin.
   */
  private LaplaceStart coldLaplace(PosteriorTarget target, int rows) {
    if (!model.stream().prior().laplaceSnapshot() || !target.logConcave()
        || model.dim() > LaplaceStart.DENSE_LIMIT || rows < (long) COLD_LAPLACE_ROWS_PER_PARAMETER * model.dim()) {
      return null;
    }
    // accepted only at the mode: a Newton decrement at rounding level
    return LaplaceStart.newton(target, new double[model.dim()], NEWTON_STEPS, MODE_DECREMENT_PER_PARAMETER * model.dim());
  }

  /**
   * Refuses a window whose Gaussian start has a non-finite centre or a zero or non-finite scale:
   * the rows are beyond what the model can take in floating point (features of 1e8 in a Poisson
   * regression made the Laplace sd of a coefficient 0), and training from there could only
   * publish garbage.
   *
   * @throws NonFinitePosteriorException naming the parameter
   */
  void requireUsableStart(double[] center, double[] scale) {
    for (int j = 0; j < center.length; j++) {
      if (!Double.isFinite(center[j]) || !Double.isFinite(scale[j]) || scale[j] <= 0) {
        throw degenerateWindow("for " + model.parameterNames().get(j) + ": start mean "
            + center[j] + ", sd " + scale[j]);
      }
    }
  }

  private static NonFinitePosteriorException degenerateWindow(String detail) {
    return new NonFinitePosteriorException("the window's posterior is degenerate (" + detail
        + "): the rows are too extreme for the model in floating point; rescale the features"
        + " (e.g. standardise them) or check the labels");
  }

  /**
   * Refuses to return a posterior with a non-finite mean, sd or family weight: the caller keeps
   * the previous state instead of publishing it (the job sends the window to dead letters).
   *
   * @throws NonFinitePosteriorException naming the first non-finite quantity
   */
  static void requireFinite(DrawSummary stats, double[] familyParams) {
    for (int j = 0; j < stats.names().size(); j++) {
      if (!Double.isFinite(stats.mean()[j]) || !Double.isFinite(stats.sd()[j])) {
        throw new NonFinitePosteriorException("the update produced a non-finite posterior for "
            + stats.names().get(j) + " (mean " + stats.mean()[j] + ", sd " + stats.sd()[j] + ")");
      }
    }
    for (double w : familyParams) {
      if (!Double.isFinite(w)) {
        throw new NonFinitePosteriorException("the update produced non-finite family weights");
      }
    }
  }

  /** A prior snapshot and what it is. */
  private record Snapshot(Prior prior, NextPrior.Kind kind) {}

  /** The prior of the next window: the snapshot of q_t, tempered with p_0 when λ < 1. */
  private Snapshot nextPrior(FittedPosterior posterior, double[] mean, Target target, LaplaceStart newton, long seed) {
    StreamConfig stream = model.stream();
    Snapshot snapshot = switch (stream.prior()) {
      case GAUSSIAN -> new Snapshot(GaussianPrior.fit(posterior.sample(stream.priorDraws(), mix(seed, 2))), NextPrior.Kind.GAUSSIAN);
      case LAPLACE, AUTO -> laplace(posterior, mean, target, newton, seed);
      case MIXTURE -> new Snapshot(MixturePrior.of(posterior.components(stream.priorDraws(), mix(seed, 3))), NextPrior.Kind.MIXTURE);
      case DSM -> new Snapshot(DsmPrior.fit(posterior, DsmConfig.DEFAULT.withIterations(Math.max(10, stream.priorDraws() / 10))
          .withSeed(mix(seed, 4))), NextPrior.Kind.DSM);
      case SEMI_IMPLICIT -> new Snapshot(new SemiImplicitPrior(posterior, mix(seed, 7)), NextPrior.Kind.SEMI_IMPLICIT);
    };
    if (stream.forgetting() == 1.0) {
      return snapshot;
    }
    if (snapshot.prior() instanceof GaussianPrior gaussian && model.basePrior() instanceof NormalPrior normal) {
      // the tempered product of two Gaussians is Gaussian: same score, and the GLM folds it in
      GaussianPrior product = gaussian.temperedWith(normal.sds(), stream.forgetting());
      if (product != null) {
        return new Snapshot(product, snapshot.kind());
      }
    }
    return new Snapshot(new TemperedPrior(snapshot.prior(), encodable(model.basePrior()), stream.forgetting()), snapshot.kind());
  }

  /**
   * The Laplace approximation of this window's target (the window's start when it was one, else
   * damped Newton from the fitted posterior's mean): exact for linear-Gaussian streams, so no fitting noise accumulates from window to
   * window. Targets that are not log-concave, too large, or whose Hessian fails fall back to the
   * Gaussian fitted to draws.
   */
  private Snapshot laplace(FittedPosterior posterior, double[] mean, Target target, LaplaceStart newton, long seed) {
    LaplaceStart l = newton != null ? newton : laplaceOf(target, mean);
    if (l != null) {
      return new Snapshot(new GaussianPrior(l.mode(), l.covariance()), NextPrior.Kind.LAPLACE);
    }
    return new Snapshot(GaussianPrior.fit(posterior.sample(model.stream().priorDraws(), mix(seed, 2))), NextPrior.Kind.GAUSSIAN);
  }

  /** Damped Newton from the given point, for log-concave targets small enough for a dense Hessian; else null. */
  private static LaplaceStart laplaceOf(Target target, double[] from) {
    if (!target.logConcave() || target.dim() > LaplaceStart.DENSE_LIMIT) {
      return null;
    }
    return LaplaceStart.newton(target, from, NEWTON_STEPS);
  }

  /** The codec stores independent normal priors in its own form. */
  private static Prior encodable(Prior base) {
    return base instanceof NormalPrior normal ? new IndependentNormalPrior(normal.sds()) : base;
  }

  /** The previous posterior's mean, sd and correlation (from MOMENT_DRAWS of its draws), as a Gaussian guess. */
  private LaplaceStart previousMoments(PosteriorState previous, long seed) {
    double[][] draws = new FittedPosterior(family, previous.familyParams(), previous.center(), previous.scale())
        .sample(MOMENT_DRAWS, mix(seed, 5));
    return new LaplaceStart(previous.center(), previous.scale(), DrawSummary.of(model.parameterNames(), draws).corr());
  }

  private EngineState engineState(PosteriorState s) {
    INDArray fam = Nd4j.createFromArray(s.familyParams()).castTo(TYPE);
    INDArray cri = Nd4j.createFromArray(s.criticParams()).castTo(TYPE);
    AdamState famOpt = new AdamState(Nd4j.createFromArray(s.familyM()).castTo(TYPE), Nd4j.createFromArray(s.familyV()).castTo(TYPE), s.adamSteps());
    AdamState criOpt = new AdamState(Nd4j.createFromArray(s.criticM()).castTo(TYPE), Nd4j.createFromArray(s.criticV()).castTo(TYPE), s.adamSteps());
    return new EngineState(fam, cri, famOpt, criOpt, s.adamSteps());
  }

  /**
   * A warm window: a short run at the given share of the rates, no decay, no score shift. (Tried:
   * the critic as net + S in every window, as the batch fit of a near-Gaussian posterior has it,
   * took the sparse Poisson stream from worst mean 0.24 sd to 0.08 but made the waveform stream
   * in windows of 20 rows diverge; docs/streaming.md, "The auto kind".)
   */
  private static TrainConfig warm(TrainConfig t, int iterations, double lrScale) {
    return new TrainConfig(iterations, t.batch(), t.dataBatch(), t.seed(), t.familyLr() * lrScale, t.criticLr() * lrScale,
        0, 1.0, 0.0, t.scoreShiftIterations(), 0, t.timeBudgetSeconds(), t.gaussianBaseline(), t.familyGradient());
  }

  private static TrainConfig withIterations(TrainConfig t, int iterations, double scoreShift) {
    return new TrainConfig(iterations, t.batch(), t.dataBatch(), t.seed(), t.familyLr(), t.criticLr(), t.lrDecayEvery(),
        t.lrDecayFactor(), scoreShift, t.scoreShiftIterations(), t.annealIterations(), t.timeBudgetSeconds(), t.gaussianBaseline(),
        t.familyGradient());
  }

  private static Dataset concat(Dataset like, List<double[][]> features, List<double[]> labels) {
    int n = 0;
    for (double[] l : labels) {
      n += l.length;
    }
    double[][] f = new double[n][];
    double[] y = new double[n];
    int at = 0;
    for (int w = 0; w < features.size(); w++) {
      System.arraycopy(features.get(w), 0, f, at, features.get(w).length);
      System.arraycopy(labels.get(w), 0, y, at, labels.get(w).length);
      at += labels.get(w).length;
    }
    return new Dataset(like.featureNames(), f, y, like.source());
  }

  private static double[] positive(double[] sd, double[] fallback) {
    double[] s = sd.clone();
    for (int j = 0; j < s.length; j++) {
      if (!(s[j] > 0) || !Double.isFinite(s[j])) {
        s[j] = fallback[j];
      }
    }
    return s;
  }

  private static double[] toDoubles(INDArray a) {
    return a.castTo(DataType.DOUBLE).toDoubleVector();
  }

  private static double norm(INDArray a) {
    return a.norm2Number().doubleValue();
  }

  /** SplitMix64 finaliser of (seed, i): decorrelated seeds for each window and purpose. */
  static long mix(long seed, long i) {
    long z = seed + 0x9E3779B97F4A7C15L * (i + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
