package io.sivistream.core.formula;

import java.util.List;
import java.util.Locale;

/**
 * A prior on one scalar, written in Stan's notation: {@code normal(m, s)}, {@code student_t(nu, m, s)},
 * {@code cauchy(m, s)}, {@code exponential(r)}, {@code gamma(a, b)} (shape, rate),
 * {@code lognormal(m, s)} or {@code flat}. Log densities are up to an additive constant, which is
 * all the posterior needs: on a scale parameter, where brms takes the half (truncated at 0)
 * version of a distribution over the reals, the truncation only changes that constant.
 *
 * <pre>{@code
 * Density d = Density.parse("student_t(3, 0, 2.5)", "Intercept");
 * d.logDensity(1.0); d.derivative(1.0); d.secondDerivative(1.0);
 * }</pre>
 *
 * @param name the distribution, as written
 * @param args its arguments
 */
public record Density(String name, double[] args) {

  /** The forms a prior string may take, for error messages. */
  public static final String FORMS = "normal(m, s), student_t(nu, m, s), cauchy(m, s), exponential(r), gamma(a, b), "
      + "lognormal(m, s), flat";

  public static final Density FLAT = new Density("flat", new double[0]);

  private static final List<String> NAMES = List.of("normal", "student_t", "cauchy", "exponential", "gamma", "lognormal",
      "flat");

  /**
   * Parses a prior string.
   *
   * @param what the class or coefficient it is for, to name in errors ({@code b}, {@code b_x1}, {@code sigma})
   * @throws FormulaException naming what, the string and the allowed forms
   */
  public static Density parse(String text, String what) {
    String s = text == null ? "" : text.strip();
    if (s.equals("flat")) {
      return FLAT;
    }
    int open = s.indexOf('(');
    if (open < 0 || !s.endsWith(")")) {
      throw bad(what, text, "");
    }
    String fn = s.substring(0, open).strip();
    if (!NAMES.contains(fn) || fn.equals("flat")) {
      throw bad(what, text, " (unknown distribution '" + fn + "')");
    }
    String inner = s.substring(open + 1, s.length() - 1);
    String[] parts = inner.isBlank() ? new String[0] : inner.split(",");
    double[] args = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        args[i] = Double.parseDouble(parts[i].strip());
      } catch (NumberFormatException e) {
        throw bad(what, text, " ('" + parts[i].strip() + "' is not a number)");
      }
      if (!Double.isFinite(args[i])) {
        throw bad(what, text, " (arguments must be finite)");
      }
    }
    int want = switch (fn) {
      case "exponential" -> 1;
      case "student_t" -> 3;
      default -> 2;
    };
    if (args.length != want) {
      throw bad(what, text, " (" + fn + " takes " + want + (want == 1 ? " argument" : " arguments") + ", got " + args.length + ")");
    }
    boolean scalesPositive = switch (fn) {
      case "normal", "cauchy", "lognormal" -> args[1] > 0;
      case "student_t" -> args[0] > 0 && args[2] > 0;
      default -> java.util.Arrays.stream(args).allMatch(a -> a > 0);
    };
    if (!scalesPositive) {
      throw bad(what, text, " (scales, rates, shapes and degrees of freedom must be > 0)");
    }
    return new Density(fn, args);
  }

  private static FormulaException bad(String what, String text, String why) {
    return new FormulaException("priors." + what + ": '" + text + "' is not a prior" + why + "; allowed: " + FORMS);
  }

  /** Whether the distribution lives on the positive reals only (then it suits scale parameters only). */
  public boolean positiveOnly() {
    return name.equals("exponential") || name.equals("gamma") || name.equals("lognormal");
  }

  public boolean isFlat() {
    return name.equals("flat");
  }

  /** log p(v) up to a constant; for positive-only distributions v must be > 0. */
  public double logDensity(double v) {
    return switch (name) {
      case "normal" -> {
        double z = (v - args[0]) / args[1];
        yield -0.5 * z * z;
      }
      case "student_t" -> studentLog(args[0], args[1], args[2], v);
      case "cauchy" -> studentLog(1, args[0], args[1], v);
      case "exponential" -> -args[0] * v;
      case "gamma" -> (args[0] - 1) * Math.log(v) - args[1] * v;
      case "lognormal" -> {
        double l = Math.log(v);
        double z = (l - args[0]) / args[1];
        yield -l - 0.5 * z * z;
      }
      default -> 0.0;
    };
  }

  /** d log p / dv. */
  public double derivative(double v) {
    return switch (name) {
      case "normal" -> -(v - args[0]) / (args[1] * args[1]);
      case "student_t" -> studentD1(args[0], args[1], args[2], v);
      case "cauchy" -> studentD1(1, args[0], args[1], v);
      case "exponential" -> -args[0];
      case "gamma" -> (args[0] - 1) / v - args[1];
      case "lognormal" -> (-1 - (Math.log(v) - args[0]) / (args[1] * args[1])) / v;
      default -> 0.0;
    };
  }

  /** d² log p / dv². */
  public double secondDerivative(double v) {
    return switch (name) {
      case "normal" -> -1 / (args[1] * args[1]);
      case "student_t" -> studentD2(args[0], args[1], args[2], v);
      case "cauchy" -> studentD2(1, args[0], args[1], v);
      case "exponential" -> 0.0;
      case "gamma" -> -(args[0] - 1) / (v * v);
      case "lognormal" -> {
        double s2 = args[1] * args[1];
        yield (-1 / s2 + 1 + (Math.log(v) - args[0]) / s2) / (v * v);
      }
      default -> 0.0;
    };
  }

  private static double studentLog(double nu, double m, double s, double v) {
    double z = (v - m) / s;
    return -0.5 * (nu + 1) * Math.log1p(z * z / nu);
  }

  private static double studentD1(double nu, double m, double s, double v) {
    double r = v - m;
    return -(nu + 1) * r / (nu * s * s + r * r);
  }

  private static double studentD2(double nu, double m, double s, double v) {
    double r = v - m;
    double d = nu * s * s + r * r;
    return -(nu + 1) * (nu * s * s - r * r) / (d * d);
  }

  /** The prior in Stan's notation, as parsed: {@code student_t(3, 0, 2.5)}. */
  @Override
  public String toString() {
    if (isFlat()) {
      return "flat";
    }
    StringBuilder b = new StringBuilder(name).append('(');
    for (int i = 0; i < args.length; i++) {
      b.append(i == 0 ? "" : ", ").append(format(args[i]));
    }
    return b.append(')').toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Density d && d.name.equals(name) && java.util.Arrays.equals(d.args, args);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + java.util.Arrays.hashCode(args);
  }

  static String format(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.format(Locale.ROOT, "%s", v);
  }
}
