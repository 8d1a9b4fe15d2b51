package io.sivistream.core.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sivistream.core.family.FamilyConfig;
import io.sivistream.core.family.SemiImplicitFamily;
import io.sivistream.core.linalg.Spd;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The two exact pieces of the reshaped start: the correlation map and the family's dense transform. */
class ReshapedStartTest {

  private static final double[][] FROM = {{1, 0.6, 0.2}, {0.6, 1, -0.3}, {0.2, -0.3, 1}};
  private static final double[][] TO = {{1, -0.4, 0.1}, {-0.4, 1, 0.5}, {0.1, 0.5, 1}};

  @Test
  void theCorrelationMapTakesOneCholeskyFactorToTheOther() {
    double[][] a = StreamingUpdate.correlationMap(FROM, TO);
    double[][] lf = Spd.cholesky(FROM);
    double[][] lt = Spd.cholesky(TO);
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        double v = 0;
        for (int k = 0; k < 3; k++) {
          v += a[i][k] * lf[k][j];
        }
        assertThat(v).as("(A L_from)[%d][%d]", i, j).isCloseTo(lt[i][j], within(1e-12));
      }
    }
    assertThat(StreamingUpdate.correlationMap(FROM, new double[][] {{1, 1, 0}, {1, 1, 0}, {0, 0, 1}}))
        .as("a singular correlation has no map").isNull();
  }

  /** A diagonal map is a change of scale, which reframe does exactly: the two must agree. */
  @Test
  void aDiagonalTransformIsTheReframeOfThatScale() {
    SemiImplicitFamily family = new SemiImplicitFamily(3, List.of("a", "b", "c"), new FamilyConfig(4, List.of(8), false, 0.5));
    double[] params = family.initParams(7, FROM);
    double[] scale = {2.0, 0.5, 3.0};
    double[][] diag = {{2.0, 0, 0}, {0, 0.5, 0}, {0, 0, 3.0}};
    double[] transformed = family.transform(params, diag);
    double[] reframed = family.reframe(params, new double[3], scale, new double[3], new double[] {1, 1, 1});
    assertThat(transformed).containsExactly(reframed, within(1e-12));
    assertThat(family.transform(params, new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}))
        .containsExactly(params, within(1e-15));
  }
}
