package io.sivistream.core.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Posterior-predictive summaries against closed forms. */
class PosteriorPredictiveTest {

  private static final double Z95 = 1.6448536269514722;

  @Test
  void linearWithOneDrawIsTheNoiseDistribution() {
    double[][] draws = {{1.0, 2.0}};
    PredictiveSummary p = PosteriorPredictive.summarise("linear-regression", draws,
        new double[] {1, 0.5}, 0.3);
    assertThat(p.quantity()).isEqualTo("response");
    assertThat(p.mean()).isCloseTo(2.0, within(1e-12));
    assertThat(p.sd()).isCloseTo(0.3, within(1e-12));
    assertThat(p.q05()).isCloseTo(2.0 - Z95 * 0.3, within(1e-9));
    assertThat(p.q95()).isCloseTo(2.0 + Z95 * 0.3, within(1e-9));
    assertThat(p.expected().sd()).isZero();
  }

  @Test
  void linearWithGaussianDrawsIsGaussianWithBothVariances() {
    // β ~ N(m, s²) represented by 2,000 evenly spaced normal quantiles: x·β + ε ~ N(x m, x² s² + σ²)
    int n = 2000;
    double m = 0.7;
    double s = 0.4;
    double sigma = 0.5;
    double[][] draws = new double[n][1];
    for (int i = 0; i < n; i++) {
      draws[i][0] = m + s * normalQuantile((i + 0.5) / n);
    }
    PredictiveSummary p = PosteriorPredictive.summarise("linear-regression", draws,
        new double[] {2}, sigma);
    double sd = Math.sqrt(4 * s * s + sigma * sigma);
    assertThat(p.mean()).isCloseTo(2 * m, within(1e-9));
    assertThat(p.sd()).isCloseTo(sd, within(sd * 0.005));
    assertThat(p.q05()).isCloseTo(2 * m - Z95 * sd, within(sd * 0.005));
    assertThat(p.q95()).isCloseTo(2 * m + Z95 * sd, within(sd * 0.005));
    assertThat(p.expected().q95()).isCloseTo(2 * m + Z95 * 2 * s, within(0.01));
  }

  @Test
  void logisticGivesTheClassProbability() {
    double l3 = Math.log(3);
    double[][] draws = {{l3, 0}, {-l3, 0}};
    PredictiveSummary p = PosteriorPredictive.summarise("logistic-regression", draws,
        new double[] {1, 123}, Double.NaN);
    assertThat(p.quantity()).isEqualTo("probability");
    assertThat(p.mean()).isCloseTo(0.5, within(1e-12));
    assertThat(p.sd()).isCloseTo(0.25, within(1e-12));
    // type-7 quantiles of {0.25, 0.75}
    assertThat(p.q05()).isCloseTo(0.25 + 0.05 * 0.5, within(1e-12));
    assertThat(p.q95()).isCloseTo(0.25 + 0.95 * 0.5, within(1e-12));
  }

  @Test
  void logisticStaysFiniteInTheTails() {
    PredictiveSummary p = PosteriorPredictive.summarise("logistic-regression",
        new double[][] {{800}, {-800}}, new double[] {1}, Double.NaN);
    assertThat(p.mean()).isCloseTo(0.5, within(1e-12));
    assertThat(p.q05()).isGreaterThanOrEqualTo(0);
  }

  @Test
  void poissonWithOneDrawIsThePoissonDistribution() {
    PredictiveSummary p = PosteriorPredictive.summarise("poisson-regression",
        new double[][] {{Math.log(3)}}, new double[] {1}, Double.NaN);
    assertThat(p.quantity()).isEqualTo("count");
    assertThat(p.mean()).isCloseTo(3, within(1e-12));
    assertThat(p.sd()).isCloseTo(Math.sqrt(3), within(1e-12));
    // Poisson(3): P(Y <= 0) = 0.0498 < 0.05 <= P(Y <= 1) = 0.199; P(Y <= 5) = 0.916 < 0.95 <= P(Y <= 6) = 0.966
    assertThat(p.q05()).isEqualTo(1);
    assertThat(p.q95()).isEqualTo(6);
    assertThat(p.expected().mean()).isCloseTo(3, within(1e-12));
  }

  @Test
  void poissonMixtureAddsTheRateVariance() {
    PredictiveSummary p = PosteriorPredictive.summarise("poisson-regression",
        new double[][] {{0}, {Math.log(9)}}, new double[] {1}, Double.NaN);
    assertThat(p.mean()).isCloseTo(5, within(1e-12));
    assertThat(p.sd()).isCloseTo(Math.sqrt(5 + 16), within(1e-12));
    // quantiles of 0.5 Poisson(1) + 0.5 Poisson(9) by direct summation
    assertThat(p.q05()).isEqualTo(directMixtureQuantile(new double[] {1, 9}, 0.05));
    assertThat(p.q95()).isEqualTo(directMixtureQuantile(new double[] {1, 9}, 0.95));
    assertThat(p.q95()).isGreaterThan(p.mean());
  }

  @Test
  void mistakesNameTheProblem() {
    double[][] draws = {{1, 2, 3}};
    assertThatThrownBy(() -> PosteriorPredictive.summarise("logistic-regression", draws,
        new double[] {1, 2}, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("expected 3 features (one per"
            + " coefficient), got 2");
    assertThatThrownBy(() -> PosteriorPredictive.summarise("banana", draws, new double[] {1, 2, 3},
        Double.NaN)).hasMessageContaining("model 'banana' has no posterior predictive")
        .hasMessageContaining("linear-regression, logistic-regression, poisson-regression");
    assertThatThrownBy(() -> PosteriorPredictive.summarise("logistic-regression", draws,
        new double[] {1, Double.NaN, 3}, Double.NaN)).hasMessage("feature 1 must be finite, got NaN");
    assertThatThrownBy(() -> PosteriorPredictive.summarise("logistic-regression", new double[0][],
        new double[] {1}, Double.NaN)).hasMessage("no posterior draws to predict with");
    assertThatThrownBy(() -> PosteriorPredictive.summarise("linear-regression", draws,
        new double[] {1, 2, 3}, 0)).hasMessageContaining("noise sd");
    assertThatThrownBy(() -> PosteriorPredictive.summarise("poisson-regression",
        new double[][] {{50}}, new double[] {1}, Double.NaN)).hasMessageContaining("too large");
  }

  private static long directMixtureQuantile(double[] rates, double p) {
    for (int k = 0; ; k++) {
      double cdf = 0;
      for (double r : rates) {
        double pmf = Math.exp(-r);
        double c = pmf;
        for (int j = 1; j <= k; j++) {
          pmf *= r / j;
          c += pmf;
        }
        cdf += c;
      }
      if (cdf / rates.length >= p) {
        return k;
      }
    }
  }

  /** The standard normal p-quantile by bisection on Special.normalCdf. */
  private static double normalQuantile(double p) {
    double lo = -10;
    double hi = 10;
    for (int i = 0; i < 200; i++) {
      double mid = 0.5 * (lo + hi);
      if (Special.normalCdf(mid) < p) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return 0.5 * (lo + hi);
  }
}
