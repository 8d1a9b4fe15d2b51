package io.sivistream.core.stream.prior;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IndependentNormalPriorTest {

  @Test
  void scoreAndHvpMatchFiniteDifferences() {
    IndependentNormalPrior p = new IndependentNormalPrior(new double[] {0.5, 2.0, 10.0});
    double[][] x = PriorChecks.normals(5, 3, 3.0, 51);
    PriorChecks.scoreMatchesLogDensity(p, x, 1e-7);
    PriorChecks.hvpMatchesScoreDifferences(p, x, 1e-4, 1e-9, 52);
    PriorChecks.floatCloseToDouble(p, x, 1e-6, 53);
  }

  @Test
  void rejectsNonPositiveSd() {
    assertThatThrownBy(() -> new IndependentNormalPrior(new double[] {1, -1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("prior.sd must be finite and > 0, got -1.0 at index 1");
  }
}
