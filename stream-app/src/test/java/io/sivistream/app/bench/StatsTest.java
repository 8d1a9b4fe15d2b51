package io.sivistream.app.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

  private static List<Double> oneToTen() {
    List<Double> v = new ArrayList<>();
    for (int i = 10; i >= 1; i--) {
      v.add((double) i);
    }
    Collections.shuffle(v, new java.util.Random(3));
    return v;
  }

  @Test
  void nearestRankPercentiles() {
    List<Double> v = oneToTen();
    assertThat(Stats.percentile(v, 50)).isEqualTo(5.0);
    assertThat(Stats.percentile(v, 90)).isEqualTo(9.0);
    assertThat(Stats.percentile(v, 91)).isEqualTo(10.0);
    assertThat(Stats.percentile(v, 99)).isEqualTo(10.0);
    assertThat(Stats.percentile(v, 100)).isEqualTo(10.0);
    assertThat(Stats.percentile(v, 1)).isEqualTo(1.0);
  }

  @Test
  void percentileOfHundredSamplesAndTheInputIsLeftAlone() {
    List<Double> v = new ArrayList<>();
    for (int i = 100; i >= 1; i--) {
      v.add(i / 100.0);
    }
    List<Double> copy = List.copyOf(v);
    assertThat(Stats.percentile(v, 99)).isEqualTo(0.99);
    assertThat(Stats.percentile(v, 50)).isEqualTo(0.50);
    assertThat(v).isEqualTo(copy);
  }

  @Test
  void percentileOfOneAndOfNoSample() {
    assertThat(Stats.percentile(List.of(1.5), 99)).isEqualTo(1.5);
    assertThat(Stats.percentile(List.of(1.5), 1)).isEqualTo(1.5);
    assertThat(Stats.percentile(List.of(), 50)).isNaN();
  }

  @Test
  void percentileOutsideTheRangeIsRejected() {
    assertThatThrownBy(() -> Stats.percentile(List.of(1.0), 0))
        .hasMessage("percentile must be in (0, 100], got 0.0");
    assertThatThrownBy(() -> Stats.percentile(List.of(1.0), 101))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rates() {
    assertThat(Stats.rate(1_000, 0, 101_000, 2_000_000_000L)).isEqualTo(50_000.0);
    assertThat(Stats.rate(5, 1_000, 5, 2_000)).isZero();
    assertThat(Stats.rate(0, 7, 10, 7)).isZero();
  }
}
