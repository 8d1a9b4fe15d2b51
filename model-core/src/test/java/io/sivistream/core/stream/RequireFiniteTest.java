package io.sivistream.core.stream;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sivistream.core.summary.DrawSummary;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A non-finite posterior is never returned by the streaming update. */
class RequireFiniteTest {

  private static final List<String> NAMES = List.of("a", "b");

  @Test
  void finiteDrawsAndWeightsPass() {
    DrawSummary ok = DrawSummary.of(NAMES, new double[][] {{0, 1}, {1, 2}, {2, 0}});
    assertThatCode(() -> StreamingUpdate.requireFinite(ok, new double[] {0.5, -1}))
        .doesNotThrowAnyException();
  }

  @Test
  void aNonFiniteMeanOrWeightIsRefusedByName() {
    DrawSummary nan = DrawSummary.of(NAMES, new double[][] {{0, Double.NaN}, {1, 2}, {2, 0}});
    assertThatThrownBy(() -> StreamingUpdate.requireFinite(nan, new double[] {0.5}))
        .isInstanceOf(NonFinitePosteriorException.class).hasMessageContaining("for b (mean NaN");
    DrawSummary ok = DrawSummary.of(NAMES, new double[][] {{0, 1}, {1, 2}, {2, 0}});
    assertThatThrownBy(() -> StreamingUpdate.requireFinite(ok,
        new double[] {0.5, Double.POSITIVE_INFINITY}))
        .isInstanceOf(NonFinitePosteriorException.class).hasMessageContaining("family weights");
  }
}
