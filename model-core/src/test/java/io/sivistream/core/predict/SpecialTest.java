package io.sivistream.core.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SpecialTest {

  @Test
  void normalCdfMatchesTabulatedValues() {
    assertThat(Special.normalCdf(0)).isCloseTo(0.5, within(1e-15));
    assertThat(Special.normalCdf(-1)).isCloseTo(0.15865525393145707, within(1e-13));
    assertThat(Special.normalCdf(1.6448536269514722)).isCloseTo(0.95, within(1e-13));
    assertThat(Special.normalCdf(-3)).isCloseTo(0.0013498980316300946, within(1e-14));
    assertThat(Special.normalCdf(8)).isCloseTo(1, within(1e-14));
    assertThat(Special.normalCdf(-8)).isCloseTo(6.22096057427178e-16, within(1e-20));
  }

  @Test
  void logGammaMatchesFactorials() {
    assertThat(Special.logGamma(1)).isCloseTo(0, within(1e-13));
    assertThat(Special.logGamma(5)).isCloseTo(Math.log(24), within(1e-13));
    assertThat(Special.logGamma(0.5)).isCloseTo(0.5 * Math.log(Math.PI), within(1e-13));
    double logFact100 = 0;
    for (int i = 2; i < 101; i++) {
      logFact100 += Math.log(i);
    }
    assertThat(Special.logGamma(101)).isCloseTo(logFact100, within(1e-10));
  }

  @Test
  void poissonCdfMatchesDirectSums() {
    for (double rate : new double[] {0.3, 3, 17.5, 250}) {
      double pmf = Math.exp(-rate);
      double cdf = pmf;
      for (int k = 0; k < 400; k++) {
        if (k > 0) {
          pmf *= rate / k;
          cdf += pmf;
        }
        assertThat(Special.poissonCdf(k, rate)).as("rate %s, k %d", rate, k)
            .isCloseTo(Math.min(cdf, 1), within(1e-11));
      }
    }
    assertThat(Special.poissonCdf(-1, 2)).isZero();
    assertThat(Special.poissonCdf(0, 0)).isEqualTo(1);
  }
}
