package io.sivistream.app.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowSamplingTest {

  @Test
  void aRowsKeyDependsOnlyOnWhereItCameFrom() {
    RecordOrigin o = new RecordOrigin("observations", 1, 42);
    assertThat(WindowSampling.key(o, new double[] {1}, 5))
        .isEqualTo(WindowSampling.key(new RecordOrigin("observations", 1, 42), new double[] {2}, 9))
        .isNotEqualTo(WindowSampling.key(new RecordOrigin("observations", 1, 43), new double[] {1}, 5))
        .isNotEqualTo(WindowSampling.key(new RecordOrigin("observations", 0, 42), new double[] {1}, 5))
        .isNotNegative();
  }

  @Test
  void theCapIsTheValueBudgetInRowsWithAFloor() {
    assertThat(WindowSampling.cap(21, WindowSampling.MAX_BUFFERED_VALUES)).isEqualTo(90_909);
    assertThat(WindowSampling.cap(1, 2000)).isEqualTo(1000);
    assertThat(WindowSampling.cap(9, 2000)).isEqualTo(WindowSampling.MIN_BUFFERED_ROWS);
  }

  /** Keys are spread evenly: the kept fraction of consecutive offsets is the threshold's share. */
  @Test
  void compactionKeepsExactlyTheCapAndTheKeysAreUniform() {
    List<BufferedRow> rows = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      rows.add(new BufferedRow(i, new double[] {i}, i, new RecordOrigin("observations", 0, i)));
    }
    long threshold = WindowSampling.compactionThreshold(rows, 2_000);
    long kept = rows.stream()
        .filter(r -> WindowSampling.key(r.origin(), r.features(), r.eventTime()) < threshold).count();
    assertThat(kept).isEqualTo(2_000);
    // the kept rows' offsets: mean 4,999.5 for a uniform sample, sd of the mean 2,887 / sqrt(2,000)
    double mean = rows.stream()
        .filter(r -> WindowSampling.key(r.origin(), r.features(), r.eventTime()) < threshold)
        .mapToLong(r -> r.origin().offset()).average().orElseThrow();
    assertThat(mean).isBetween(4999.5 - 4 * 64.6, 4999.5 + 4 * 64.6);
    assertThat((double) threshold / Long.MAX_VALUE).isBetween(0.18, 0.22);
  }
}
