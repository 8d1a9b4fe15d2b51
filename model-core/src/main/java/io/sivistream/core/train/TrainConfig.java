package io.sivistream.core.train;

/**
 * Optimisation settings of a SIVI-SM fit. {@link #DEFAULT} is chosen so that the acceptance
 * targets hold without tuning; every field can be overridden from the spec's {@code train:} block.
 *
 * @param iterations number of (family step, critic step) pairs
 * @param batch particles (draws of z) per iteration
 * @param dataBatch data rows per iteration (0 or >= rows: all rows)
 * @param seed RNG seed; the whole fit is a deterministic function of it
 * @param familyLr Adam learning rate of the family
 * @param criticLr Adam learning rate of the critic
 * @param lrDecayEvery step decay: multiply both rates by lrDecayFactor every this many iterations (0: never);
 *     a batch fit of a log-concave target left at the default 3,000 uses 1,000 (see SiviSm.schedule)
 * @param lrDecayFactor factor of the step decay
 * @param scoreShift initial weight c of the critic parametrisation f(x) + c * S(x); it decays linearly to 0
 *     (a batch fit of a log-concave target left at the defaults uses 1, decaying over 5 runs' length: SiviSm.schedule)
 * @param scoreShiftIterations iterations over which that weight decays to 0
 * @param annealIterations iterations over which the target score is annealed from 0.1 S to S (0: no annealing)
 * @param timeBudgetSeconds stop early once this much wall time has passed (0: no limit)
 * @param gaussianBaseline give the critic a Gaussian base (see GaussianBaseline): much faster,
 *     steadier convergence at the same optimum; false gives the paper's plain critic
 * @param familyGradient how the family's step uses the critic (see {@link FamilyGradient}); AUTO
 *     chooses per target (SiviSm.schedule)
 */
public record TrainConfig(
    int iterations,
    int batch,
    int dataBatch,
    long seed,
    double familyLr,
    double criticLr,
    int lrDecayEvery,
    double lrDecayFactor,
    double scoreShift,
    int scoreShiftIterations,
    int annealIterations,
    double timeBudgetSeconds,
    boolean gaussianBaseline,
    FamilyGradient familyGradient) {

  public static final TrainConfig DEFAULT =
      new TrainConfig(4000, 100, 400, 1L, 1e-3, 1e-3, 3000, 0.5, 0.0, 1000, 0, 0, false, FamilyGradient.AUTO);

  /** The settings before familyGradient existed, with familyGradient AUTO. */
  public TrainConfig(int iterations, int batch, int dataBatch, long seed, double familyLr, double criticLr,
      int lrDecayEvery, double lrDecayFactor, double scoreShift, int scoreShiftIterations, int annealIterations,
      double timeBudgetSeconds, boolean gaussianBaseline) {
    this(iterations, batch, dataBatch, seed, familyLr, criticLr, lrDecayEvery, lrDecayFactor, scoreShift,
        scoreShiftIterations, annealIterations, timeBudgetSeconds, gaussianBaseline, FamilyGradient.AUTO);
  }

  public TrainConfig {
    require(iterations >= 1, "train.iterations must be >= 1, got " + iterations);
    require(batch >= 2, "train.batch must be >= 2, got " + batch);
    require(dataBatch >= 0, "train.dataBatch must be >= 0 (0 = all rows), got " + dataBatch);
    require(familyLr > 0 && Double.isFinite(familyLr), "train.familyLr must be > 0, got " + familyLr);
    require(criticLr > 0 && Double.isFinite(criticLr), "train.criticLr must be > 0, got " + criticLr);
    require(lrDecayEvery >= 0, "train.lrDecayEvery must be >= 0, got " + lrDecayEvery);
    require(lrDecayFactor > 0 && lrDecayFactor <= 1, "train.lrDecayFactor must be in (0, 1], got " + lrDecayFactor);
    require(scoreShift >= 0, "train.scoreShift must be >= 0, got " + scoreShift);
    require(scoreShiftIterations >= 0, "train.scoreShiftIterations must be >= 0, got " + scoreShiftIterations);
    require(annealIterations >= 0, "train.annealIterations must be >= 0, got " + annealIterations);
    require(timeBudgetSeconds >= 0, "train.timeBudgetSeconds must be >= 0, got " + timeBudgetSeconds);
    require(familyGradient != null, "train.familyGradient must be one of " + FamilyGradient.names());
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  public TrainConfig withIterations(int n) {
    return new TrainConfig(n, batch, dataBatch, seed, familyLr, criticLr, lrDecayEvery, lrDecayFactor,
        scoreShift, scoreShiftIterations, annealIterations, timeBudgetSeconds, gaussianBaseline, familyGradient);
  }

  public TrainConfig withBatch(int particles) {
    return new TrainConfig(iterations, particles, dataBatch, seed, familyLr, criticLr, lrDecayEvery, lrDecayFactor,
        scoreShift, scoreShiftIterations, annealIterations, timeBudgetSeconds, gaussianBaseline, familyGradient);
  }

  public TrainConfig withFamilyLr(double lr) {
    return new TrainConfig(iterations, batch, dataBatch, seed, lr, criticLr, lrDecayEvery, lrDecayFactor,
        scoreShift, scoreShiftIterations, annealIterations, timeBudgetSeconds, gaussianBaseline, familyGradient);
  }

  public TrainConfig withLrDecayEvery(int every) {
    return new TrainConfig(iterations, batch, dataBatch, seed, familyLr, criticLr, every, lrDecayFactor,
        scoreShift, scoreShiftIterations, annealIterations, timeBudgetSeconds, gaussianBaseline, familyGradient);
  }

  public TrainConfig withScoreShift(double shift, int shiftIterations) {
    return new TrainConfig(iterations, batch, dataBatch, seed, familyLr, criticLr, lrDecayEvery, lrDecayFactor,
        shift, shiftIterations, annealIterations, timeBudgetSeconds, gaussianBaseline, familyGradient);
  }

  public TrainConfig withFamilyGradient(FamilyGradient g) {
    return new TrainConfig(iterations, batch, dataBatch, seed, familyLr, criticLr, lrDecayEvery, lrDecayFactor,
        scoreShift, scoreShiftIterations, annealIterations, timeBudgetSeconds, gaussianBaseline, g);
  }

  public TrainConfig withSeed(long s) {
    return new TrainConfig(iterations, batch, dataBatch, s, familyLr, criticLr, lrDecayEvery, lrDecayFactor,
        scoreShift, scoreShiftIterations, annealIterations, timeBudgetSeconds, gaussianBaseline, familyGradient);
  }
}
