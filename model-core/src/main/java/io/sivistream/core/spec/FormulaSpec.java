package io.sivistream.core.spec;

import io.sivistream.core.formula.Formula;
import io.sivistream.core.formula.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model written as a formula (the spec keys {@code formula}, {@code likelihood}, {@code priors}
 * and {@code levels}), in brms' vocabulary:
 *
 * <pre>{@code
 * formula: "y ~ 1 + x1 * x2 + (1 | store)"
 * likelihood: gaussian            # default gaussian, as brms
 * priors: {b: "normal(0, 2.5)", sigma: "exponential(1)", b_x1: "normal(1, 0.5)"}
 * levels: {store: [A, B, C]}      # optional: the levels of a column, the first the reference
 * }</pre>
 *
 * <p>The formula and the likelihood name are checked here, so that a spec with a bad formula
 * fails when it is read; the priors and levels are checked against the data when the model is
 * built ({@code io.sivistream.core.target.FormulaTarget}).
 *
 * @param formula the formula as written
 * @param likelihood the response distribution, as {@link Response#yamlName()} spells it
 * @param priors prior strings by brms class or draw name, in the order written
 * @param levels per column, its levels in order
 */
public record FormulaSpec(String formula, String likelihood, Map<String, String> priors, Map<String, List<String>> levels) {

  /** brms' default family. */
  public static final String DEFAULT_LIKELIHOOD = "gaussian";

  public FormulaSpec {
    Formula.parse(formula);
    likelihood = likelihood == null ? DEFAULT_LIKELIHOOD : Response.parse(likelihood).yamlName();
    priors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(priors == null ? Map.of() : priors));
    Map<String, List<String>> copy = new LinkedHashMap<>();
    if (levels != null) {
      levels.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    }
    levels = java.util.Collections.unmodifiableMap(copy);
  }

  /** The parsed formula. */
  public Formula parsed() {
    return Formula.parse(formula);
  }

  public Response response() {
    return Response.parse(likelihood);
  }
}
