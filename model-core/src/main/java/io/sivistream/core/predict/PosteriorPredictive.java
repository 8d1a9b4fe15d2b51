package io.sivistream.core.predict;

import io.sivistream.core.summary.DrawSummary;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Posterior-predictive summaries of a regression model at one input, from posterior draws of its
 * coefficients. With draws β_1..β_n and features x, η_i = x·β_i and
 * <ul>
 *   <li>linear regression: y | β ~ N(η, σ²) with the spec's known noise sd σ; the predictive
 *       distribution is the mixture (1/n) Σ N(η_i, σ²): mean = mean η, variance = var η + σ²,
 *       quantiles solved on the mixture CDF;</li>
 *   <li>logistic regression: the class probability p_i = 1 / (1 + e^{-η_i}); mean, sd and the
 *       5/95% quantiles of p over the draws;</li>
 *   <li>Poisson regression: y | β ~ Poisson(λ_i = e^{η_i}); mean = mean λ, variance =
 *       mean λ + var λ (law of total variance), quantiles the smallest counts k with
 *       (1/n) Σ P(Y ≤ k | λ_i) ≥ 0.05, 0.95.</li>
 * </ul>
 * Moments over the draws use the divisor n (the draws are the distribution). Pure and
 * thread-safe.
 *
 * <pre>{@code
 * PredictiveSummary p = PosteriorPredictive.summarise("logistic-regression", draws, x, Double.NaN);
 * p.mean();   // posterior mean of P(y = 1 | x)
 * }</pre>
 */
public final class PosteriorPredictive {

  /** The models with a posterior predictive over a feature vector. */
  public static final List<String> MODELS =
      List.of("linear-regression", "logistic-regression", "poisson-regression");

  private static final double LOW = 0.05;
  private static final double HIGH = 0.95;

  private PosteriorPredictive() {}

  /**
   * @param model   linear-regression, logistic-regression or poisson-regression
   * @param draws   posterior draws, n × d (one coefficient vector per row), n ≥ 1
   * @param x       features, length d, in the order of the coefficients
   * @param noiseSd the known noise sd of linear regression (> 0); ignored by the other models
   * @throws IllegalArgumentException naming the problem: unknown model, no draws, a feature count
   *     that is not d, a non-finite feature or draw, or a rate that overflows
   */
  public static PredictiveSummary summarise(String model, double[][] draws, double[] x,
      double noiseSd) {
    if (model == null || !MODELS.contains(model)) {
      throw new IllegalArgumentException("model '" + model + "' has no posterior predictive over"
          + " features; known: " + String.join(", ", MODELS));
    }
    double[] eta = linearPredictor(draws, x);
    return switch (model) {
      case "linear-regression" -> linear(eta, noiseSd);
      case "logistic-regression" -> logistic(eta);
      default -> poisson(eta);
    };
  }

  /** η_i = x·β_i for every draw, after checking shapes and finiteness. */
  static double[] linearPredictor(double[][] draws, double[] x) {
    if (draws == null || draws.length == 0) {
      throw new IllegalArgumentException("no posterior draws to predict with");
    }
    int d = draws[0].length;
    if (x == null || x.length != d) {
      throw new IllegalArgumentException("expected " + d + " features (one per coefficient), got "
          + (x == null ? "none" : x.length));
    }
    for (int j = 0; j < d; j++) {
      if (!Double.isFinite(x[j])) {
        throw new IllegalArgumentException("feature " + j + " must be finite, got " + x[j]);
      }
    }
    double[] eta = new double[draws.length];
    for (int i = 0; i < draws.length; i++) {
      if (draws[i].length != d) {
        throw new IllegalArgumentException("draw " + i + " has " + draws[i].length
            + " values, draw 0 has " + d);
      }
      double s = 0;
      for (int j = 0; j < d; j++) {
        s += draws[i][j] * x[j];
      }
      if (!Double.isFinite(s)) {
        throw new IllegalArgumentException("draw " + i + " gives a non-finite linear predictor");
      }
      eta[i] = s;
    }
    return eta;
  }

  private static PredictiveSummary linear(double[] eta, double noiseSd) {
    if (!(noiseSd > 0) || Double.isInfinite(noiseSd)) {
      throw new IllegalArgumentException("linear-regression needs the noise sd (> 0, finite), got "
          + noiseSd);
    }
    Band b = band(eta);
    double sd = Math.sqrt(b.sd() * b.sd() + noiseSd * noiseSd);
    return new PredictiveSummary("response", b.mean(), sd, normalMixtureQuantile(eta, noiseSd, LOW),
        normalMixtureQuantile(eta, noiseSd, HIGH), b, eta.length);
  }

  private static PredictiveSummary logistic(double[] eta) {
    double[] p = new double[eta.length];
    for (int i = 0; i < eta.length; i++) {
      // stable in both tails
      p[i] = eta[i] >= 0 ? 1 / (1 + Math.exp(-eta[i])) : Math.exp(eta[i]) / (1 + Math.exp(eta[i]));
    }
    Band b = band(p);
    return new PredictiveSummary("probability", b.mean(), b.sd(), b.q05(), b.q95(), b, p.length);
  }

  private static PredictiveSummary poisson(double[] eta) {
    double[] rate = new double[eta.length];
    for (int i = 0; i < eta.length; i++) {
      rate[i] = Math.exp(eta[i]);
      if (!(rate[i] < 1e15)) {
        throw new IllegalArgumentException(String.format(Locale.ROOT, "the rate e^(x·β) = e^%.1f"
            + " of draw %d is too large to predict a count; check the features' scale", eta[i], i));
      }
    }
    Band b = band(rate);
    double sd = Math.sqrt(b.mean() + b.sd() * b.sd());
    return new PredictiveSummary("count", b.mean(), sd, poissonMixtureQuantile(rate, LOW),
        poissonMixtureQuantile(rate, HIGH), b, rate.length);
  }

  /** Mean, sd (divisor n) and type-7 quantiles of the values. */
  static Band band(double[] values) {
    double mean = 0;
    for (double v : values) {
      mean += v;
    }
    mean /= values.length;
    double ss = 0;
    for (double v : values) {
      ss += (v - mean) * (v - mean);
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return new Band(mean, Math.sqrt(ss / values.length), DrawSummary.quantileSorted(sorted, LOW),
        DrawSummary.quantileSorted(sorted, 0.5), DrawSummary.quantileSorted(sorted, HIGH));
  }

  /** The p-quantile of (1/n) Σ N(centre_i, sd²), by bisection to machine precision. */
  static double normalMixtureQuantile(double[] centre, double sd, double p) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double c : centre) {
      lo = Math.min(lo, c);
      hi = Math.max(hi, c);
    }
    lo -= 10 * sd;
    hi += 10 * sd;
    for (int it = 0; it < 200; it++) {
      double mid = 0.5 * (lo + hi);
      if (mid <= lo || mid >= hi) {
        break;
      }
      double cdf = 0;
      for (double c : centre) {
        cdf += Special.normalCdf((mid - c) / sd);
      }
      if (cdf / centre.length < p) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return 0.5 * (lo + hi);
  }

  /** The smallest k ≥ 0 with (1/n) Σ P(Y ≤ k | rate_i) ≥ p. */
  static double poissonMixtureQuantile(double[] rate, double p) {
    double max = 0;
    for (double r : rate) {
      max = Math.max(max, r);
    }
    long hi = (long) Math.ceil(max + 10 * Math.sqrt(max) + 10);
    while (mixtureCdf(rate, hi) < p) {
      hi *= 2;
    }
    long lo = -1; // cdf(lo) < p <= cdf(hi)
    while (hi - lo > 1) {
      long mid = lo + (hi - lo) / 2;
      if (mixtureCdf(rate, mid) >= p) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return hi;
  }

  private static double mixtureCdf(double[] rate, long k) {
    double s = 0;
    for (double r : rate) {
      s += Special.poissonCdf(k, r);
    }
    return s / rate.length;
  }
}
