package io.sivistream.app.job.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sivistream.core.stream.PosteriorState;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineStateBytesTest {

  private static PosteriorState state() {
    double[] a = {1.5, -2};
    return new PosteriorState(3, 900, 7, a, new double[] {0.5, 0.25}, new double[] {1, 2, 3},
        new double[] {4}, new double[] {0, 0, 0}, new double[] {1, 1, 1}, new double[] {2},
        new double[] {3}, 750, new byte[] {9, 8}, List.<double[][]>of(new double[][] {{1, 2}}),
        List.of(new double[] {0}));
  }

  @Test
  void roundTripKeepsTheShapeKeyAndTheEngineState() {
    byte[] bytes = EngineStateBytes.encode("logistic-regression|[a, b]|f|c", state());
    EngineStateBytes.Stored back = EngineStateBytes.decode(bytes);
    assertThat(back.shapeKey()).isEqualTo("logistic-regression|[a, b]|f|c");
    PosteriorState s = back.state();
    assertThat(s.windowIndex()).isEqualTo(3);
    assertThat(s.rowsTotal()).isEqualTo(900);
    assertThat(s.center()).containsExactly(1.5, -2);
    assertThat(s.adamSteps()).isEqualTo(750);
    assertThat(s.nextPrior()).containsExactly(9, 8);
    assertThat(s.retainedFeatures().get(0)[0]).containsExactly(1, 2);
    assertThat(EngineStateBytes.encode(back.shapeKey(), s)).isEqualTo(bytes);
  }

  @Test
  void foreignOrCorruptBytesAreRefusedWithAReason() {
    assertThatThrownBy(() -> EngineStateBytes.decode("3;17.0".getBytes()))
        .hasMessageContaining("not written by EngineUpdater");
    byte[] bytes = EngineStateBytes.encode("k", state());
    assertThatThrownBy(() -> EngineStateBytes.decode(Arrays.copyOf(bytes, bytes.length - 20)))
        .isInstanceOf(IllegalArgumentException.class);
    bytes[7] = 9;   // format version 9
    assertThatThrownBy(() -> EngineStateBytes.decode(bytes))
        .hasMessageContaining("format 9 is not supported");
  }

  @Test
  void drawSeedsDifferPerVersionAndAreStable() {
    assertThat(EngineUpdater.drawSeed(11, 1)).isEqualTo(EngineUpdater.drawSeed(11, 1))
        .isNotEqualTo(EngineUpdater.drawSeed(11, 2)).isNotEqualTo(EngineUpdater.drawSeed(12, 1));
  }
}
