package io.sivistream.core.formula;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The distribution of the response given the linear predictor η, with brms' families, links and
 * auxiliary parameters (named as brms prints them):
 *
 * <ul>
 *   <li>{@code gaussian}: y ~ N(η, σ²), {@code sigma}; with {@code y | se(s)} the sd is the known
 *       s_i and there is no sigma;</li>
 *   <li>{@code student}: y ~ Student-t(ν, η, σ), {@code sigma} and {@code nu} (ν > 1, as brms);</li>
 *   <li>{@code bernoulli}: P(y = 1) = logit⁻¹(η);</li>
 *   <li>{@code binomial}: y ~ Binomial(n_i, logit⁻¹(η)), n_i from {@code y | trials(n)};</li>
 *   <li>{@code poisson}: y ~ Poisson(e^η);</li>
 *   <li>{@code negative-binomial} (brms' {@code negbinomial}): mean μ = e^η, variance μ + μ²/φ,
 *       {@code shape} φ.</li>
 * </ul>
 */
public enum Response {
  GAUSSIAN("gaussian", List.of("sigma"), new double[] {0}),
  STUDENT("student", List.of("sigma", "nu"), new double[] {0, 1}),
  BERNOULLI("bernoulli", List.of(), new double[0]),
  BINOMIAL("binomial", List.of(), new double[0]),
  POISSON("poisson", List.of(), new double[0]),
  NEGATIVE_BINOMIAL("negative-binomial", List.of("shape"), new double[] {0});

  private final String yamlName;
  private final List<String> aux;
  private final double[] lowerBounds;

  Response(String yamlName, List<String> aux, double[] lowerBounds) {
    this.yamlName = yamlName;
    this.aux = aux;
    this.lowerBounds = lowerBounds;
  }

  /** The name in specs: {@code gaussian}, {@code negative-binomial}, ... */
  public String yamlName() {
    return yamlName;
  }

  /** The auxiliary (distributional) parameters, as brms names them; gaussian with se(...) has none. */
  public List<String> auxiliary(boolean knownSe) {
    return this == GAUSSIAN && knownSe ? List.of() : aux;
  }

  /** Lower bound of auxiliary parameter k (0 for scales, 1 for Student-t's ν, as brms). */
  public double lowerBound(int k) {
    return lowerBounds[k];
  }

  /** Whether the link is logit (the response is a count of successes). */
  public boolean logit() {
    return this == BERNOULLI || this == BINOMIAL;
  }

  /** Whether the link is log. */
  public boolean logLink() {
    return this == POISSON || this == NEGATIVE_BINOMIAL;
  }

  /**
   * The response named in a spec; brms' spellings {@code negbinomial} and {@code student_t} too.
   *
   * @throws IllegalArgumentException naming the value and the known likelihoods
   */
  public static Response parse(String name) {
    if ("negbinomial".equals(name)) {
      return NEGATIVE_BINOMIAL;
    }
    for (Response r : values()) {
      if (r.yamlName.equals(name)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown likelihood '" + name + "'; known: "
        + Arrays.stream(values()).map(Response::yamlName).collect(Collectors.joining(", ")));
  }
}
