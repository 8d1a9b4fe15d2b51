package io.sivistream.core.mcmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DualAveragingTest {

  @Test
  void convergesToTheStepSizeWithTheTargetAcceptance() {
    // A synthetic acceptance curve exp(-eps): acceptance 0.8 at eps = -log(0.8) = 0.2231.
    DualAveraging da = DualAveraging.start(1.0, 0.8);
    for (int i = 0; i < 2000; i++) {
      da = da.update(Math.exp(-da.stepSize()));
    }
    assertThat(da.finalStepSize()).isCloseTo(-Math.log(0.8), within(0.005));
    assertThat(da.counter()).isEqualTo(2000);
  }

  @Test
  void firstUpdateFollowsTheFormula() {
    // s = (delta - a) / (1 + t0); x = mu - s * sqrt(1) / gamma; xBar = x (weight 1^-kappa = 1).
    DualAveraging da = DualAveraging.start(0.5, 0.8).update(0.3);
    double s = 0.5 / 11;
    double x = Math.log(5.0) - s / 0.05;
    assertThat(da.sBar()).isCloseTo(s, within(1e-15));
    assertThat(da.x()).isCloseTo(x, within(1e-12));
    assertThat(da.xBar()).isCloseTo(x, within(1e-12));
  }

  @Test
  void acceptanceAboveOneIsClippedAndNanCountsAsRejection() {
    DualAveraging base = DualAveraging.start(1.0, 0.8);
    assertThat(base.update(1.7)).isEqualTo(base.update(1.0));
    assertThat(base.update(Double.NaN)).isEqualTo(base.update(0.0));
    assertThat(base.update(0.0).stepSize()).isLessThan(base.update(1.0).stepSize());
  }
}
