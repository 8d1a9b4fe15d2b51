package io.sivistream.core.spec;

import java.util.List;

/**
 * The {@code prior:} block: an independent Gaussian prior N(0, sd_j^2) on every parameter.
 *
 * <p>Either one {@code sd} for all parameters ({@code prior: {sd: 10}}) or one per parameter in
 * parameter order ({@code prior: {sds: [10, 2, 2]}}).
 *
 * @param sd the common standard deviation, > 0; used when sds is empty
 * @param sds per-parameter standard deviations, each > 0; empty means "use sd for all"
 */
public record PriorSpec(double sd, List<Double> sds) {

  public static final PriorSpec DEFAULT = new PriorSpec(10.0, List.of());

  public PriorSpec {
    if (!(sd > 0) || Double.isInfinite(sd)) {
      throw new IllegalArgumentException("prior.sd must be > 0 and finite, got " + sd);
    }
    sds = List.copyOf(sds);
    for (double s : sds) {
      if (!(s > 0) || Double.isInfinite(s)) {
        throw new IllegalArgumentException("prior.sds must all be > 0 and finite, got " + sds);
      }
    }
  }

  /** A prior with one sd for every parameter. */
  public static PriorSpec of(double sd) {
    return new PriorSpec(sd, List.of());
  }

  /** True when per-parameter sds were given. */
  public boolean perParameter() {
    return !sds.isEmpty();
  }

  /**
   * The prior sds as passed to the model builder: the per-parameter list when given, otherwise a
   * single value {@code {sd}} that applies to every parameter (the model knows its dimension).
   */
  public double[] toArray() {
    return perParameter() ? sds.stream().mapToDouble(Double::doubleValue).toArray() : new double[] {sd};
  }
}
