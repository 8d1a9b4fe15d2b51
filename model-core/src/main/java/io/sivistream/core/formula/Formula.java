package io.sivistream.core.formula;

import java.util.List;

/**
 * A model formula in the brms (Wilkinson) notation, parsed: the response with its additions, the
 * intercept, the population-level terms, the group-level terms and the offsets.
 *
 * <pre>{@code
 * Formula f = Formula.parse("y ~ 1 + x1 * x2 + (1 | store) + offset(log_exposure)");
 * f.terms();   // [x1, x2, x1:x2]
 * f.groups();  // [(1 | store)]
 * }</pre>
 *
 * <p>The subset: {@code 1}/{@code 0} intercept, {@code 0 + Intercept + x} (the intercept as an
 * ordinary coefficient), main effects, {@code a:b}, {@code a*b} (= {@code a + b + a:b}), varying
 * intercepts {@code (1 | g)}, uncorrelated varying slopes {@code (1 + x || g)}, {@code offset(col)},
 * and the response additions {@code y | se(s)} and {@code y | trials(n)}. Anything else is a
 * {@link FormulaException} naming the term.
 *
 * @param text the formula as written
 * @param response the response column
 * @param se the column of known per-row measurement sds ({@code y | se(s)}), or null
 * @param trials the column of binomial trial counts ({@code y | trials(n)}), or null
 * @param intercept how the intercept enters
 * @param terms the population-level terms, without the intercept, duplicates removed, in order
 * @param groups the group-level terms, in order
 * @param offsets the offset columns, added to the linear predictor with coefficient 1
 */
public record Formula(String text, String response, String se, String trials, Intercept intercept, List<Term> terms,
    List<GroupTerm> groups, List<String> offsets) {

  /** How the population-level intercept enters the model. */
  public enum Intercept {
    /**
     * brms' default ({@code y ~ x} or {@code y ~ 1 + x}): fitted on centred predictors, its prior
     * (class {@code Intercept}) on that centred intercept, reported as {@code b_Intercept} on the
     * data's scale.
     */
    CENTRED,
    /** {@code y ~ 0 + x}: no intercept. */
    NONE,
    /**
     * {@code y ~ 0 + Intercept + x}: an ordinary coefficient {@code b_Intercept} on uncentred
     * predictors, its prior of class {@code b} or by name {@code b_Intercept}.
     */
    COEFFICIENT
  }

  public Formula {
    terms = List.copyOf(terms);
    groups = List.copyOf(groups);
    offsets = List.copyOf(offsets);
  }

  /**
   * Parses a formula.
   *
   * @throws FormulaException for a syntax error or an unsupported construct, naming the term
   */
  public static Formula parse(String text) {
    return new FormulaParser(text).parse();
  }

  /** Whether the model has a population-level intercept (centred or as a coefficient). */
  public boolean hasIntercept() {
    return intercept != Intercept.NONE;
  }
}
