package io.sivistream.core.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PosteriorStateCodecTest {

  private static PosteriorState sample() {
    return new PosteriorState(7, 1234, 42, new double[] {1, 2}, new double[] {0.5, 0.25}, new double[] {0.1, -0.2, 0.3},
        new double[] {4, 5}, new double[] {0, 1e-3, 2}, new double[] {1, 2, 3}, new double[] {Double.MIN_VALUE, -0.0},
        new double[] {9, 8}, 99, new byte[] {1, 2, 3}, List.<double[][]>of(new double[][] {{1, 2}, {3, 4}}), List.<double[]>of(new double[] {0, 1}));
  }

  @Test
  void roundTripsBitExactly() {
    PosteriorState s = sample();
    byte[] bytes = PosteriorStateCodec.encode(s);
    PosteriorState back = PosteriorStateCodec.decode(bytes);
    assertThat(PosteriorStateCodec.encode(back)).isEqualTo(bytes);
    assertThat(back.windowIndex()).isEqualTo(7);
    assertThat(back.rowsTotal()).isEqualTo(1234);
    assertThat(back.familyParams()).containsExactly(0.1, -0.2, 0.3);
    assertThat(back.retainedFeatures().get(0)[1]).containsExactly(3, 4);
    assertThat(back.nextPrior()).containsExactly(1, 2, 3);
  }

  @Test
  void rejectsCorruptedBytes() {
    byte[] bytes = PosteriorStateCodec.encode(sample());
    bytes[40] ^= 0x10;
    assertThatThrownBy(() -> PosteriorStateCodec.decode(bytes)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("checksum");
  }

  @Test
  void rejectsForeignAndTruncatedBytes() {
    assertThatThrownBy(() -> PosteriorStateCodec.decode("hello, this is not a state".getBytes()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a posterior state");
    byte[] bytes = PosteriorStateCodec.encode(sample());
    byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length / 2);
    assertThatThrownBy(() -> PosteriorStateCodec.decode(cut)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsNewerFormatVersionsWithAnUpgradeHint() {
    byte[] bytes = PosteriorStateCodec.encode(sample());
    bytes[7] = 9;
    assertThatThrownBy(() -> PosteriorStateCodec.decode(bytes)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("version 9").hasMessageContaining("upgrade");
  }
}
