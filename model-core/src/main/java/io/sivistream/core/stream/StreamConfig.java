package io.sivistream.core.stream;

import java.util.Locale;

/**
 * How a model's posterior follows a stream.
 *
 * @param mode recursive (the posterior of window t, tempered, is the prior of window t+1) or
 *     sliding (the posterior given the last slidingWindows windows under the base prior)
 * @param forgetting λ in (0, 1]: prior_{t+1} ∝ q_t^λ p_0^(1-λ); 1 is plain Bayesian updating
 * @param windowRows rows per window (row-count windows); 0 when windows are by time
 * @param windowSeconds event-time window length in seconds; 0 when windows are by rows
 * @param iterationsPerWindow SIVI-SM iterations of each warm-started update
 * @param firstWindowIterations iterations of the first (cold) update
 * @param slidingWindows N for sliding mode
 * @param prior how the previous posterior's score is represented in recursive mode
 * @param priorDraws draws (gaussian) or components (mixture) of the prior snapshot; for dsm, a tenth of
 *     it is the score network's training iterations
 * @param summaryDraws draws of each window's posterior used for its summary
 * @param retainRowsPerParameter recursive mode keeps the raw rows of the first windows, and takes
 *     no prior snapshot, until the posterior rests on this many rows per parameter (0: no minimum;
 *     {@code auto} may keep them longer, until its snapshot is safe)
 */
public record StreamConfig(
    Mode mode,
    double forgetting,
    int windowRows,
    double windowSeconds,
    int iterationsPerWindow,
    int firstWindowIterations,
    int slidingWindows,
    PriorKind prior,
    int priorDraws,
    int summaryDraws,
    int retainRowsPerParameter) {

  /**
   * Default of {@code stream.retainRowsPerParameter}: no minimum, for the default prior kind
   * {@code auto} keeps the rows itself until a Laplace snapshot is safe. For {@code laplace} (and
   * the other kinds) 0 means a snapshot in every window: on the waveform stream (22 parameters,
   * 10 windows of 40 rows) that ends at energy distance 1.6 from NUTS (1.78 sd off in the worst
   * mean), 20 rows per parameter at 0.017-0.021 (docs/streaming.md).
   */
  public static final int DEFAULT_RETAIN_ROWS_PER_PARAMETER = 0;

  /** The default: recursive, no forgetting, 250-row windows, the auto prior. */
  public static final StreamConfig DEFAULT = new StreamConfig(Mode.RECURSIVE, 1.0, 250, 0, 200, 3000, 3,
      PriorKind.AUTO, 20000, 2000, DEFAULT_RETAIN_ROWS_PER_PARAMETER);

  public StreamConfig {
    if (mode == null || prior == null) {
      throw new IllegalArgumentException("stream.mode and stream.prior are required");
    }
    if (!(forgetting > 0 && forgetting <= 1)) {
      throw new IllegalArgumentException("stream.forgetting must be in (0, 1], got " + forgetting);
    }
    if (windowRows < 0 || windowSeconds < 0 || (windowRows == 0 && windowSeconds == 0)) {
      throw new IllegalArgumentException(
          "stream needs windowRows > 0 or windowSeconds > 0, got windowRows=" + windowRows + ", windowSeconds=" + windowSeconds);
    }
    if (iterationsPerWindow < 1 || firstWindowIterations < 1) {
      throw new IllegalArgumentException("stream.iterationsPerWindow and firstWindowIterations must be >= 1");
    }
    if (slidingWindows < 1) {
      throw new IllegalArgumentException("stream.slidingWindows must be >= 1, got " + slidingWindows);
    }
    if (retainRowsPerParameter < 0) {
      throw new IllegalArgumentException("stream.retainRowsPerParameter must be >= 0 (0 = off), got " + retainRowsPerParameter);
    }
    if (priorDraws < 10 || summaryDraws < 10) {
      throw new IllegalArgumentException("stream.priorDraws and summaryDraws must be >= 10");
    }
  }

  /** Streaming modes. */
  public enum Mode {
    RECURSIVE, SLIDING;

    public static Mode parse(String s) {
      return switch (s.toLowerCase(Locale.ROOT)) {
        case "recursive" -> RECURSIVE;
        case "sliding" -> SLIDING;
        default -> throw new IllegalArgumentException("stream.mode must be one of recursive, sliding; got '" + s + "'");
      };
    }
  }

  /** Representations of the previous posterior's score (see docs/streaming.md for the comparison). */
  public enum PriorKind {
    AUTO, MIXTURE, GAUSSIAN, DSM, LAPLACE, SEMI_IMPLICIT;

    /** Whether its snapshot is the window target's Laplace approximation (auto's once it takes one). */
    public boolean laplaceSnapshot() {
      return this == LAPLACE || this == AUTO;
    }

    public static PriorKind parse(String s) {
      return switch (s.toLowerCase(Locale.ROOT)) {
        case "auto" -> AUTO;
        case "semi-implicit" -> SEMI_IMPLICIT;
        case "mixture" -> MIXTURE;
        case "gaussian" -> GAUSSIAN;
        case "dsm" -> DSM;
        case "laplace" -> LAPLACE;
        default -> throw new IllegalArgumentException("stream.prior must be one of auto, laplace, semi-implicit, gaussian, mixture, dsm; got '" + s + "'");
      };
    }
  }
}
