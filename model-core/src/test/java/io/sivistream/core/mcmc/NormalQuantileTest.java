package io.sivistream.core.mcmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class NormalQuantileTest {

  @Test
  void matchesTabulatedQuantiles() {
    assertThat(NormalQuantile.of(0.5)).isCloseTo(0, within(1e-12));
    assertThat(NormalQuantile.of(0.975)).isCloseTo(1.959963984540054, within(1e-8));
    assertThat(NormalQuantile.of(0.05)).isCloseTo(-1.6448536269514729, within(1e-8));
    assertThat(NormalQuantile.of(0.01)).isCloseTo(-2.3263478740408408, within(1e-8));
    assertThat(NormalQuantile.of(1e-10)).isCloseTo(-6.361340902404056, within(1e-7));
  }

  @Test
  void isOddAndHandlesTheEnds() {
    for (double p : new double[] {0.001, 0.02, 0.1, 0.3}) {
      assertThat(NormalQuantile.of(1 - p)).isCloseTo(-NormalQuantile.of(p), within(1e-9));
    }
    assertThat(NormalQuantile.of(0)).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(NormalQuantile.of(1)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(NormalQuantile.of(1.5)).isNaN();
    assertThat(NormalQuantile.of(Double.NaN)).isNaN();
  }
}
