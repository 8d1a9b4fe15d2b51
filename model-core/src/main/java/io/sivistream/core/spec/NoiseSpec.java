package io.sivistream.core.spec;

/**
 * The {@code noise:} block: the known observation noise of linear regression (ignored by every
 * other model).
 *
 * @param sd noise standard deviation, in the units of the label; > 0, or NaN when not given
 */
public record NoiseSpec(double sd) {

  /**
   * No {@code noise.sd} given. linear-regression then has no noise sd, which {@link ModelSpec}
   * reports as an error (it was once a silent 1.0); a formula model fits an unknown sigma instead.
   */
  public static final NoiseSpec DEFAULT = new NoiseSpec(Double.NaN);

  public NoiseSpec {
    if (!Double.isNaN(sd) && (!(sd > 0) || Double.isInfinite(sd))) {
      throw new IllegalArgumentException("noise.sd must be > 0 and finite, got " + sd);
    }
  }

  /** Whether the spec gave a noise sd. */
  public boolean given() {
    return !Double.isNaN(sd);
  }
}
