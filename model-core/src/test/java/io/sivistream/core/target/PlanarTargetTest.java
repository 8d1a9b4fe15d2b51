package io.sivistream.core.target;

import static io.sivistream.core.target.Checks.close;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PlanarTargetTest {

  static Stream<PlanarTarget> targets() {
    return Stream.of(new Banana(), new Multimodal(), new XShaped());
  }

  @ParameterizedTest
  @MethodSource("targets")
  void scoreAndHvpMatchFiniteDifferencesInBothPaths(PlanarTarget t) {
    Checks.checkTarget(t, Checks.randomMatrix(6, 2, 1.5, 51), 52);
    assertThat(t.parameterNames()).isEqualTo(List.of("x1", "x2"));
    assertThat(t.dataRows()).isZero();
  }

  @ParameterizedTest
  @MethodSource("targets")
  void scoreIsFiniteFarInTheTails(PlanarTarget t) {
    // Mixture responsibilities go through log-sum-exp: both component densities underflow here.
    double[] g = t.gradLogDensity(new double[] {60, -45});
    assertThat(java.util.Arrays.stream(g).allMatch(Double::isFinite)).as("finite score %s", java.util.Arrays.toString(g)).isTrue();
    assertThat(t.logDensity(new double[] {60, -45})).isFinite();
  }

  @Test
  void bananaDensityIsTheGaussianOfTheTransformedPoint() {
    Banana b = new Banana();
    // x = (0, −1) maps to v = (0, 0), the mode: log density 0, score 0.
    assertThat(b.logDensity(new double[] {0, -1})).isZero();
    close(b.gradLogDensity(new double[] {0, -1}), new double[] {0, 0}, 1e-15, "score at mode");
    // x = (1, −2): v = (1, 0), −½ vᵀΣ⁻¹v = −½ / 0.19
    assertThat(b.logDensity(new double[] {1, -2})).isCloseTo(-0.5 / 0.19, within(1e-12));
  }

  @Test
  void multimodalModesAreSymmetric() {
    Multimodal m = new Multimodal();
    assertThat(m.logDensity(new double[] {2, 0.3})).isCloseTo(m.logDensity(new double[] {-2, 0.3}), within(1e-14));
    assertThat(m.gradLogDensity(new double[] {0, 0})[0]).isCloseTo(0, within(1e-14));
  }

  /** Sample mean and covariance {m1, m2, c11, c12, c22}. */
  static double[] moments(double[][] draws) {
    int n = draws.length;
    double m1 = 0;
    double m2 = 0;
    for (double[] d : draws) {
      m1 += d[0] / n;
      m2 += d[1] / n;
    }
    double c11 = 0;
    double c12 = 0;
    double c22 = 0;
    for (double[] d : draws) {
      c11 += (d[0] - m1) * (d[0] - m1) / (n - 1);
      c12 += (d[0] - m1) * (d[1] - m2) / (n - 1);
      c22 += (d[1] - m2) * (d[1] - m2) / (n - 1);
    }
    return new double[] {m1, m2, c11, c12, c22};
  }

  // n = 40,000 draws: standard errors are ≤ 0.01 for the means and ≤ 0.05 for the (co)variances
  // (largest: Var x1 = 5 for the multimodal target, SE ≈ sqrt(Var(x1²)/n) ≈ 0.04); tolerances are
  // about 4 standard errors.
  static final int N = 40_000;

  @Test
  void bananaSamplesHaveTheKnownMoments() {
    // E x2 = E[v2 − v1² − 1] = −2; Var x2 = Var v2 + Var v1² = 3; Cov(x1, x2) = Cov(v1, v2) = 0.9.
    double[] m = moments(new Banana().sampleExact(N, 7));
    close(m, new double[] {0, -2, 1, 0.9, 3}, 0.05, "banana moments");
  }

  @Test
  void multimodalSamplesHaveTheKnownMoments() {
    double[] m = moments(new Multimodal().sampleExact(N, 8));
    close(m, new double[] {0, 0, 5, 0, 1}, 0.04, "multimodal moments");
  }

  @Test
  void xShapedSamplesHaveTheKnownMoments() {
    double[] m = moments(new XShaped().sampleExact(N, 9));
    close(m, new double[] {0, 0, 2, 0, 2}, 0.04, "x-shaped moments");
  }

  @Test
  void samplingIsReproducible() {
    assertThat(new Banana().sampleExact(5, 3)).isDeepEqualTo(new Banana().sampleExact(5, 3));
    assertThat(new XShaped().sampleExact(5, 3)).isNotEqualTo(new XShaped().sampleExact(5, 4));
  }
}
