package io.sivistream.core.mcmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DiagnosticsTest {

  /** chains x n draws of a stationary AR(1) with coefficient phi and unit marginal variance, plus offset. */
  private static double[][] ar1(int chains, int n, double phi, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] out = new double[chains][n];
    double innovationSd = Math.sqrt(1 - phi * phi);
    for (int c = 0; c < chains; c++) {
      double x = rng.nextGaussian();
      for (int i = 0; i < n; i++) {
        x = phi * x + innovationSd * rng.nextGaussian();
        out[c][i] = x;
      }
    }
    return out;
  }

  @Test
  void iidDrawsHaveRhatNearOneAndEssNearN() {
    double[][] iid = ar1(4, 1000, 0.0, 1);
    assertThat(Diagnostics.splitRhat(iid)).isCloseTo(1.0, within(0.01));
    assertThat(Diagnostics.rankNormalizedRhat(iid)).isBetween(0.99, 1.01);
    assertThat(Diagnostics.bulkEss(iid)).isBetween(0.85 * 4000, 1.15 * 4000);
    assertThat(Diagnostics.ess(iid)).isBetween(0.85 * 4000, 1.15 * 4000);
  }

  @Test
  void essOfAr1MatchesTheoryNTimesOneMinusPhiOverOnePlusPhi() {
    // phi = 0.5: ESS = n (1 - phi) / (1 + phi) = n / 3.
    double[][] x = ar1(4, 5000, 0.5, 2);
    assertThat(Diagnostics.ess(x)).isCloseTo(20000 / 3.0, within(0.1 * 20000 / 3.0));
    assertThat(Diagnostics.bulkEss(x)).isCloseTo(20000 / 3.0, within(0.1 * 20000 / 3.0));
  }

  @Test
  void antitheticDrawsHaveEssAboveN() {
    // phi = -0.5: ESS = 3n, which the improved Geyer estimate keeps (it is capped at n log10 n).
    double[][] x = ar1(4, 2000, -0.5, 3);
    assertThat(Diagnostics.ess(x)).isGreaterThan(2.5 * 8000);
  }

  @Test
  void chainsStuckInDifferentPlacesHaveLargeRhat() {
    double[][] x = ar1(4, 1000, 0.0, 4);
    for (int i = 0; i < 1000; i++) {
      x[2][i] += 4; // two chains sit 4 sds away from the other two
      x[3][i] += 4;
    }
    assertThat(Diagnostics.splitRhat(x)).isGreaterThan(2);
    assertThat(Diagnostics.rankNormalizedRhat(x)).isGreaterThan(1.5);

    double[][] constant = {{0, 0, 0, 0, 0, 0}, {1, 1, 1, 1, 1, 1}};
    assertThat(Diagnostics.splitRhat(constant)).isInfinite();
    assertThat(Diagnostics.rankNormalizedRhat(constant)).isInfinite();
  }

  @Test
  void rankNormalisedRhatCatchesChainsThatDifferOnlyInScale() {
    double[][] x = ar1(4, 1000, 0.0, 5);
    for (int i = 0; i < 1000; i++) {
      x[0][i] *= 3;
    }
    // Same location: the classic R-hat barely moves, the folded (tail) R-hat sees it.
    assertThat(Diagnostics.splitRhat(x)).isLessThan(1.01);
    assertThat(Diagnostics.rankNormalizedRhat(x)).isGreaterThan(1.05);
  }

  @Test
  void splitRhatMatchesHandComputation() {
    // Halves [1,2] [3,4] [2,3] [4,5]: W = 1/2, B = 2 * var(1.5, 3.5, 2.5, 4.5) = 10/3,
    // R-hat = sqrt((B / W + n - 1) / n) with n = 2 = sqrt(23 / 6).
    double[][] x = {{1, 2, 3, 4}, {2, 3, 4, 5}};
    assertThat(Diagnostics.splitRhat(x)).isCloseTo(Math.sqrt(23.0 / 6), within(1e-12));
  }

  @Test
  void oddChainsDropTheirMiddleDraw() {
    // The middle value 100 is dropped, leaving the halves of the previous test.
    double[][] x = {{1, 2, 100, 3, 4}, {2, 3, 100, 4, 5}};
    assertThat(Diagnostics.splitRhat(x)).isCloseTo(Math.sqrt(23.0 / 6), within(1e-12));
  }

  @Test
  void tooFewDrawsOrNoVariationGiveNaN() {
    assertThat(Diagnostics.splitRhat(new double[][] {{1, 2, 3}})).isNaN();
    assertThat(Diagnostics.bulkEss(new double[][] {{1, 2, 3}})).isNaN();
    assertThat(Diagnostics.ess(new double[][] {{2, 2, 2, 2, 2, 2}})).isNaN();
  }

  @Test
  void perParameterVersionsCutConcatenatedDrawsIntoChains() {
    double[][] a = ar1(2, 500, 0.0, 6);
    double[][] b = ar1(2, 500, 0.3, 7);
    double[][] draws = new double[1000][2];
    for (int c = 0; c < 2; c++) {
      for (int i = 0; i < 500; i++) {
        draws[c * 500 + i][0] = a[c][i];
        draws[c * 500 + i][1] = b[c][i];
      }
    }
    assertThat(Diagnostics.byChain(draws, 2, 1)).isDeepEqualTo(b);
    assertThat(Diagnostics.rhat(draws, 2)).containsExactly(Diagnostics.rankNormalizedRhat(a),
        Diagnostics.rankNormalizedRhat(b));
    assertThat(Diagnostics.bulkEss(draws, 2)).containsExactly(Diagnostics.bulkEss(a), Diagnostics.bulkEss(b));
    assertThat(Diagnostics.ess(draws, 2)).containsExactly(Diagnostics.ess(a), Diagnostics.ess(b));
    assertThatThrownBy(() -> Diagnostics.byChain(draws, 3, 0))
        .hasMessageContaining("divide the number of draws (1000), got 3");
  }

  @Test
  void tiesShareTheirAverageRank() {
    assertThat(Diagnostics.averageRanks(new double[] {3, 1, 3, 2})).containsExactly(3.5, 1, 3.5, 2);
  }
}
