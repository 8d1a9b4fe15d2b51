package io.sivistream.core.stream;

import java.util.Locale;

/**
 * What one window leaves as the prior of the next (recursive mode), and the statistic that the
 * {@code auto} kind decided by.
 *
 * @param kind the next window's prior
 * @param modeGap the largest |posterior mean − mode| / Laplace sd over the parameters of this
 *     window's target (the mode and sd of its Laplace approximation, the mean of the published
 *     posterior); NaN where it was not computed (kinds other than auto, targets without a Laplace
 *     approximation)
 */
public record NextPrior(Kind kind, double modeGap) {

  public NextPrior {
    if (kind == null) {
      throw new IllegalArgumentException("kind is required");
    }
  }

  /** The representations a window can leave behind. */
  public enum Kind {
    /** The Laplace approximation of this window's target (mode, inverse negative Hessian). */
    LAPLACE,
    /** A Gaussian fitted to draws of the posterior (also Laplace's fallback when Newton fails). */
    GAUSSIAN,
    MIXTURE,
    DSM,
    SEMI_IMPLICIT,
    /** No snapshot: the raw rows so far stay in the state, and the next target is p_0 × all of them. */
    RETAINED_ROWS,
    /** Sliding mode: p_0 and the rows of the last windows. */
    SLIDING_ROWS;

    /** The spelling in summaries: lower case with dashes, as the spec's prior kinds. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }
}
