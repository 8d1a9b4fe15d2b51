package io.sivistream.core.spec;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The {@code stream:} block: how the posterior is updated window by window.
 *
 * @param mode {@link Mode#RECURSIVE}: the prior of window t+1 is the posterior of window t;
 *     {@link Mode#SLIDING}: the posterior given the last {@code slidingWindows} windows under the base prior
 * @param forgetting λ in (0, 1]: the recursive prior is q_t^λ · p_0^(1−λ); 1 forgets nothing
 * @param windowRows a window closes after this many rows (0: no row limit)
 * @param windowSeconds a window closes after this much event time, in seconds (0: no time limit)
 * @param iterationsPerWindow SIVI-SM iterations run when a window closes, >= 1
 * @param slidingWindows N, the number of windows a sliding posterior covers, >= 1
 * @param prior how the previous posterior is turned into the next prior (recursive mode)
 * @param retainRowsPerParameter recursive mode keeps the raw rows of its first windows, and takes no
 *     prior snapshot, until the posterior rests on this many rows per parameter; 0 = no minimum
 *     ({@code auto} keeps them until its Laplace snapshot is safe)
 */
public record StreamSpec(Mode mode, double forgetting, int windowRows, double windowSeconds,
    int iterationsPerWindow, int slidingWindows, PriorKind prior, int retainRowsPerParameter) {

  public static final StreamSpec DEFAULT = new StreamSpec(Mode.RECURSIVE, 1.0, 250, 0, 200, 3, PriorKind.AUTO,
      io.sivistream.core.stream.StreamConfig.DEFAULT.retainRowsPerParameter());

  /** A spec with the default row retention. */
  public StreamSpec(Mode mode, double forgetting, int windowRows, double windowSeconds, int iterationsPerWindow,
      int slidingWindows, PriorKind prior) {
    this(mode, forgetting, windowRows, windowSeconds, iterationsPerWindow, slidingWindows, prior,
        io.sivistream.core.stream.StreamConfig.DEFAULT.retainRowsPerParameter());
  }

  /** The engine's streaming settings for this spec (draw counts and the cold-start budget at their defaults). */
  public io.sivistream.core.stream.StreamConfig toConfig() {
    io.sivistream.core.stream.StreamConfig d = io.sivistream.core.stream.StreamConfig.DEFAULT;
    return new io.sivistream.core.stream.StreamConfig(
        io.sivistream.core.stream.StreamConfig.Mode.valueOf(mode.name()), forgetting, windowRows, windowSeconds,
        iterationsPerWindow, d.firstWindowIterations(), slidingWindows,
        io.sivistream.core.stream.StreamConfig.PriorKind.valueOf(prior.name()), d.priorDraws(), d.summaryDraws(),
        retainRowsPerParameter);
  }

  public StreamSpec {
    if (mode == null) {
      throw new IllegalArgumentException("stream.mode must be one of " + Mode.names() + ", got null");
    }
    if (prior == null) {
      throw new IllegalArgumentException("stream.prior must be one of " + PriorKind.names() + ", got null");
    }
    if (!(forgetting > 0 && forgetting <= 1)) {
      throw new IllegalArgumentException("stream.forgetting must be in (0, 1], got " + forgetting);
    }
    if (windowRows < 0) {
      throw new IllegalArgumentException("stream.windowRows must be >= 0 (0 = no row limit), got " + windowRows);
    }
    if (!(windowSeconds >= 0) || Double.isInfinite(windowSeconds)) {
      throw new IllegalArgumentException(
          "stream.windowSeconds must be >= 0 and finite (0 = no time limit), got " + windowSeconds);
    }
    if (windowRows == 0 && windowSeconds == 0) {
      throw new IllegalArgumentException(
          "stream: windowRows and windowSeconds are both 0, so a window would never close; set one of them > 0");
    }
    if (iterationsPerWindow < 1) {
      throw new IllegalArgumentException("stream.iterationsPerWindow must be >= 1, got " + iterationsPerWindow);
    }
    if (slidingWindows < 1) {
      throw new IllegalArgumentException("stream.slidingWindows must be >= 1, got " + slidingWindows);
    }
    if (retainRowsPerParameter < 0) {
      throw new IllegalArgumentException(
          "stream.retainRowsPerParameter must be >= 0 (0 = keep no rows), got " + retainRowsPerParameter);
    }
  }

  /** Streaming update mode; {@link #yamlName()} is the spelling in specs. */
  public enum Mode {
    RECURSIVE, SLIDING;

    public String yamlName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the allowed values */
    public static Mode parse(String s) {
      for (Mode m : values()) {
        if (m.yamlName().equals(s)) {
          return m;
        }
      }
      throw new IllegalArgumentException("stream.mode must be one of " + names() + ", got '" + s + "'");
    }

    static String names() {
      return Arrays.stream(values()).map(Mode::yamlName).collect(Collectors.joining(", "));
    }
  }

  /**
   * How the recursive prior approximates the previous posterior: per window, the window's rows
   * until its Laplace approximation is safe and then that approximation (auto), the frozen fitted
   * family itself (semi-implicit), the window target's Laplace approximation, a Gaussian fitted to
   * draws, a mixture snapshot of the family, or a score network fitted by denoising score matching.
   */
  public enum PriorKind {
    AUTO, MIXTURE, GAUSSIAN, DSM, LAPLACE, SEMI_IMPLICIT;

    public String yamlName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** @throws IllegalArgumentException naming the allowed values */
    public static PriorKind parse(String s) {
      for (PriorKind p : values()) {
        if (p.yamlName().equals(s)) {
          return p;
        }
      }
      throw new IllegalArgumentException("stream.prior must be one of " + names() + ", got '" + s + "'");
    }

    static String names() {
      return Arrays.stream(values()).map(PriorKind::yamlName).collect(Collectors.joining(", "));
    }
  }
}
