package io.sivistream.core.family;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Moving the working frame must leave the distribution in x space unchanged, draw for draw. */
class ReframeTest {

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void reframedFamilyGivesTheSameDraws(boolean conditionalSigma) {
    SemiImplicitFamily family = new SemiImplicitFamily(3, List.of("a", "b", "c"),
        new FamilyConfig(4, List.of(8, 8), conditionalSigma, 0.4));
    double[] params = family.initParams(3, new double[][] {{1, 0.5, 0.2}, {0.5, 1, 0.1}, {0.2, 0.1, 1}});
    for (int i = 0; i < params.length; i++) {
      params[i] += 0.05 * Math.sin(i);
    }
    double[] c0 = {1, -2, 3};
    double[] s0 = {0.5, 2, 0.01};
    double[] c1 = {1.2, -1.5, 3.001};
    double[] s1 = {0.4, 2.5, 0.02};
    double[][] before = new FittedPosterior(family, params, c0, s0).sample(50, 9);
    double[][] after = new FittedPosterior(family, family.reframe(params, c0, s0, c1, s1), c1, s1).sample(50, 9);
    for (int i = 0; i < 50; i++) {
      for (int j = 0; j < 3; j++) {
        assertThat(after[i][j]).isCloseTo(before[i][j], Offset.offset(1e-9 + 1e-9 * Math.abs(before[i][j])));
      }
    }
  }
}
