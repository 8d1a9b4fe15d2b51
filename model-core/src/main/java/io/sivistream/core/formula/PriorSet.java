package io.sivistream.core.formula;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The prior of every parameter of a formula model, from the spec's {@code priors:} block and
 * brms' defaults. Keys are brms classes ({@code b}, {@code Intercept}, {@code sigma}, {@code sd},
 * {@code nu}, {@code shape}) or one parameter's draw name ({@code b_x1}, {@code sd_store__Intercept});
 * a draw name wins over its class.
 *
 * <p>Defaults, as brms 2.18's {@code get_prior} (its {@code def_scale_prior}): {@code b} flat;
 * {@code Intercept} student_t(3, m, s) with m = median of link(y) (y = 0 read as 0.1 under the
 * log link) minus the mean offset, rounded to 1 decimal, and s = max(2.5, mad(link(y)) rounded to
 * 1 decimal), where link(y) is y itself for gaussian and student, log y for poisson and
 * negative-binomial, and m = 0, s = 2.5 under the logit link (bernoulli, binomial); {@code sigma}
 * and {@code sd} student_t(3, 0, s) with the same s, half (truncated at 0) as every scale prior;
 * {@code nu} gamma(2, 0.1) (on ν > 1); {@code shape} gamma(0.01, 0.01).
 *
 * @param intercept the prior of the centred intercept, or null without one
 * @param coefficients one per design column
 * @param sds one per group effect
 * @param auxiliary one per auxiliary parameter of the response
 * @param resolved what each class and parameter got, in order, for reports
 */
public record PriorSet(Density intercept, List<Density> coefficients, List<Density> sds, List<Density> auxiliary,
    Map<String, Density> resolved) {

  /** brms' default degrees of freedom and smallest scale of its Student-t defaults. */
  static final double DEFAULT_DF = 3;
  static final double DEFAULT_MIN_SCALE = 2.5;
  /** brms reads y = 0 as 0.1 before taking logs for the default location and scale. */
  static final double LOG_ZERO_STANDIN = 0.1;

  public PriorSet {
    coefficients = List.copyOf(coefficients);
    sds = List.copyOf(sds);
    auxiliary = List.copyOf(auxiliary);
    resolved = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(resolved));
  }

  /**
   * Resolves the priors of a model.
   *
   * @param given the spec's priors block (key → prior string); empty for all defaults
   * @throws FormulaException for an unknown key, a prior string that does not parse or a
   *     positive-only distribution on a coefficient, naming the key, the value and the allowed forms
   */
  public static PriorSet resolve(Map<String, String> given, Design design, Response response) {
    Map<String, String> spec = given == null ? Map.of() : given;
    boolean centred = design.formula().intercept() == Formula.Intercept.CENTRED;
    List<String> aux = response.auxiliary(design.se() != null);
    List<String> keys = new ArrayList<>(List.of("b"));
    if (centred) {
      keys.add("Intercept");
    }
    if (!design.groupEffects().isEmpty()) {
      keys.add("sd");
    }
    keys.addAll(aux);
    for (String c : design.columns()) {
      keys.add("b_" + c);
    }
    for (GroupEffect g : design.groupEffects()) {
      keys.add(g.sdName());
    }
    for (String k : spec.keySet()) {
      if (!keys.contains(k)) {
        throw new FormulaException("priors." + k + ": " + unknownWhy(k, centred, design) + "; this model's keys are "
            + String.join(", ", keys));
      }
    }
    double[] loc = defaultLocationScale(design, response);
    Density tScale = student(0, loc[1]);
    Map<String, Density> out = new LinkedHashMap<>();
    Density b = classPrior(spec, "b", Density.FLAT, false);
    out.put("b", b);
    Density intercept = null;
    if (centred) {
      intercept = classPrior(spec, "Intercept", student(loc[0], loc[1]), false);
      out.put("Intercept", intercept);
    }
    List<Density> coefficients = new ArrayList<>();
    for (String c : design.columns()) {
      Density d = spec.containsKey("b_" + c) ? classPrior(spec, "b_" + c, b, false) : b;
      coefficients.add(d);
      out.put("b_" + c, d);
    }
    List<Density> sds = new ArrayList<>();
    if (!design.groupEffects().isEmpty()) {
      Density sd = classPrior(spec, "sd", tScale, true);
      out.put("sd", sd);
      for (GroupEffect g : design.groupEffects()) {
        Density d = spec.containsKey(g.sdName()) ? classPrior(spec, g.sdName(), sd, true) : sd;
        sds.add(d);
        out.put(g.sdName(), d);
      }
    }
    List<Density> auxiliary = new ArrayList<>();
    for (String a : aux) {
      Density fallback = switch (a) {
        case "nu" -> new Density("gamma", new double[] {2, 0.1});
        case "shape" -> new Density("gamma", new double[] {0.01, 0.01});
        default -> tScale;
      };
      Density d = classPrior(spec, a, fallback, true);
      auxiliary.add(d);
      out.put(a, d);
    }
    return new PriorSet(intercept, coefficients, sds, auxiliary, out);
  }

  private static String unknownWhy(String key, boolean centred, Design design) {
    if (key.equals("Intercept") && !centred) {
      return design.formula().hasIntercept()
          ? "with '0 + Intercept' the intercept is an ordinary coefficient; give its prior as b_Intercept"
          : "the formula has no intercept";
    }
    if (key.equals("b_Intercept") && centred) {
      return "the intercept's prior is class Intercept (on the centred predictors, as brms); write 'Intercept: ...',"
          + " or '0 + Intercept + ...' in the formula for a prior on b_Intercept itself";
    }
    return "no such class or parameter";
  }

  private static Density classPrior(Map<String, String> spec, String key, Density fallback, boolean scale) {
    if (!spec.containsKey(key)) {
      return fallback;
    }
    Density d = Density.parse(spec.get(key), key);
    if (!scale && d.positiveOnly()) {
      throw new FormulaException("priors." + key + ": '" + spec.get(key) + "' lives on positive values only, but " + key
          + " is a coefficient on the whole real line; allowed: normal(m, s), student_t(nu, m, s), cauchy(m, s), flat");
    }
    return d;
  }

  private static Density student(double location, double scale) {
    return new Density("student_t", new double[] {DEFAULT_DF, location, scale});
  }

  /** brms' default location (of the intercept) and scale, {location, scale}. */
  static double[] defaultLocationScale(Design design, Response response) {
    if (response.logit()) {
      return new double[] {0, DEFAULT_MIN_SCALE};
    }
    double[] y = design.y().clone();
    if (response.logLink()) {
      for (int i = 0; i < y.length; i++) {
        y[i] = Math.log(y[i] == 0 ? y[i] + LOG_ZERO_STANDIN : y[i]);
      }
    }
    double median = median(y);
    double[] dev = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      dev[i] = Math.abs(y[i] - median);
    }
    // R's mad(): 1.4826 × the median absolute deviation, consistent for the normal sd
    double mad = 1.4826 * median(dev);
    double scale = Double.isFinite(mad) ? Math.max(DEFAULT_MIN_SCALE, round1(mad)) : DEFAULT_MIN_SCALE;
    double location = Double.isFinite(median) ? round1(median) : 0;
    double offsetMean = Arrays.stream(design.offset()).average().orElse(0);
    return new double[] {location - offsetMean, scale};
  }

  /** Rounds to one decimal as R's round(x, 1), but for exact ties (upwards here, to even in R). */
  private static double round1(double v) {
    return Math.round(v * 10) / 10.0;
  }

  /** R's median: the middle value, or the mean of the two middle values. */
  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
  }
}
