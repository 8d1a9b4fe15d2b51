package io.sivistream.core.spec;

/**
 * The {@code noise:} block: the known observation noise of linear regression (ignored by every
 * other model).
 *
 * @param sd noise standard deviation, in the units of the label; > 0
 */
public record NoiseSpec(double sd) {

  public static final NoiseSpec DEFAULT = new NoiseSpec(1.0);

  public NoiseSpec {
    if (!(sd > 0) || Double.isInfinite(sd)) {
      throw new IllegalArgumentException("noise.sd must be > 0 and finite, got " + sd);
    }
  }
}
