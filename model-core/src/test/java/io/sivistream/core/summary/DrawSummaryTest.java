package io.sivistream.core.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class DrawSummaryTest {

  /** Rows i = 1..10 of (i, 2i + 1, -i, (i - 5.5)^2). */
  private static double[][] draws() {
    double[][] d = new double[10][];
    for (int i = 1; i <= 10; i++) {
      d[i - 1] = new double[] {i, 2 * i + 1, -i, (i - 5.5) * (i - 5.5)};
    }
    return d;
  }

  @Test
  void momentsAndType7QuantilesAreExact() {
    DrawSummary s = DrawSummary.of(List.of("a", "b", "c", "d"), draws());
    assertThat(s.mean()[0]).isCloseTo(5.5, within(1e-12));
    assertThat(s.mean()[1]).isCloseTo(12.0, within(1e-12));
    // sd of 1..10 with divisor n - 1: sqrt(55 / 6)
    assertThat(s.sd()[0]).isCloseTo(Math.sqrt(55.0 / 6), within(1e-12));
    assertThat(s.sd()[1]).isCloseTo(2 * Math.sqrt(55.0 / 6), within(1e-12));
    // type 7 on 1..10: h = 9p; 5%: 1 + 0.45, 50%: 5.5, 95%: 9 + 0.55
    assertThat(s.q05()[0]).isCloseTo(1.45, within(1e-12));
    assertThat(s.q50()[0]).isCloseTo(5.5, within(1e-12));
    assertThat(s.q95()[0]).isCloseTo(9.55, within(1e-12));
    assertThat(s.q05()[2]).isCloseTo(-9.55, within(1e-12));
  }

  @Test
  void correlationsAreExactForLinearAndSymmetricRelations() {
    DrawSummary s = DrawSummary.of(List.of("a", "b", "c", "d"), draws());
    assertThat(s.corr()[0][1]).isCloseTo(1, within(1e-12));
    assertThat(s.corr()[0][2]).isCloseTo(-1, within(1e-12));
    assertThat(s.corr()[0][3]).isCloseTo(0, within(1e-12)); // a parabola symmetric about the mean
    for (int j = 0; j < 4; j++) {
      assertThat(s.corr()[j][j]).isEqualTo(1);
      for (int k = 0; k < 4; k++) {
        assertThat(s.corr()[j][k]).isEqualTo(s.corr()[k][j]);
      }
    }
  }

  @Test
  void quantileOfSortedValuesInterpolatesAndHitsTheEnds() {
    double[] x = {0, 10};
    assertThat(DrawSummary.quantileSorted(x, 0)).isEqualTo(0);
    assertThat(DrawSummary.quantileSorted(x, 0.25)).isEqualTo(2.5);
    assertThat(DrawSummary.quantileSorted(x, 1)).isEqualTo(10);
    assertThat(DrawSummary.quantileSorted(new double[] {7}, 0.3)).isEqualTo(7);
    assertThatThrownBy(() -> DrawSummary.quantileSorted(x, 1.5)).hasMessageContaining("got 1.5");
  }

  @Test
  void tableHasAHeaderAndOneAlignedRowPerParameter() {
    DrawSummary s = DrawSummary.of(List.of("intercept", "x1"), new double[][] {{1, 2}, {3, 5}, {2, 2}});
    String[] lines = s.toTable().split("\n");
    assertThat(lines).hasSize(3);
    assertThat(lines[0]).startsWith("parameter").contains("mean", "sd", "5%", "50%", "95%");
    assertThat(lines[1]).startsWith("intercept").contains("2.000", "1.000");
    assertThat(lines[2]).startsWith("x1 ");
    assertThat(lines[1]).hasSameSizeAs(lines[0]);
    assertThat(lines[2]).hasSameSizeAs(lines[0]);
  }

  @Test
  void indexOfNamesTheKnownParametersWhenUnknown() {
    DrawSummary s = DrawSummary.of(List.of("a", "b"), new double[][] {{1, 2}, {3, 4}});
    assertThat(s.indexOf("b")).isEqualTo(1);
    assertThat(s.dim()).isEqualTo(2);
    assertThatThrownBy(() -> s.indexOf("z")).hasMessage("unknown parameter 'z'; known: a, b");
  }

  @Test
  void rejectsTooFewDrawsAndMismatchedWidths() {
    assertThatThrownBy(() -> DrawSummary.of(List.of("a"), new double[][] {{1}}))
        .hasMessageContaining("at least 2 rows");
    assertThatThrownBy(() -> DrawSummary.of(List.of("a"), new double[][] {{1}, {1, 2}}))
        .hasMessageContaining("row 1 has 2 columns but there are 1 names");
  }
}
