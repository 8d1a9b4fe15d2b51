package io.sivistream.app.job.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.sivistream.app.job.WindowInfo;
import io.sivistream.core.stream.NextPrior;
import io.sivistream.core.stream.UpdateDiagnostics;
import io.sivistream.core.stream.UpdateStatus;
import io.sivistream.core.stream.WindowSummary;
import io.sivistream.core.summary.DrawSummary;
import io.sivistream.schemas.PosteriorSummary;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryRecordsTest {

  private static final WindowSummary WINDOW = new WindowSummary(3, 10, 0, 30,
      DrawSummary.of(List.of("a"), new double[][] {{0}, {1}, {2}}),
      new UpdateDiagnostics(0.1, 0.2, 50, 12, UpdateStatus.RECOVERED),
      new NextPrior(NextPrior.Kind.RETAINED_ROWS, 0.4));

  @Test
  void anUpdateAfterFailedWindowsIsDegradedWithTheirCountAndReason() {
    PosteriorSummary s = SummaryRecords.summary(
        new WindowInfo("m", 3, 0, 1, 0, 2, "the update produced non-finite family weights", 1),
        WINDOW, Instant.EPOCH, "abc");
    assertThat(s.getDiagnostics().getStatus()).isEqualTo(io.sivistream.schemas.UpdateStatus.DEGRADED);
    assertThat(s.getDiagnostics().getFailedWindows()).isEqualTo(2);
    assertThat(s.getDiagnostics().getLastFailure()).contains("non-finite family weights");
    assertThat(s.getEpoch()).isEqualTo(1);
  }

  @Test
  void withoutFailedWindowsTheUpdatesOwnStatusStands() {
    PosteriorSummary s = SummaryRecords.summary(new WindowInfo("m", 3, 0, 1, 0), WINDOW,
        Instant.EPOCH, "abc");
    assertThat(s.getDiagnostics().getStatus()).isEqualTo(io.sivistream.schemas.UpdateStatus.RECOVERED);
    assertThat(s.getDiagnostics().getFailedWindows()).isZero();
    assertThat(s.getDiagnostics().getLastFailure()).isEmpty();
  }

  @Test
  void aSampledWindowSaysHowManyRowsTheUpdateUsedOfHowMany() {
    WindowSummary sampled = new WindowSummary(3, 6000, 1500, 9000, WINDOW.stats(), WINDOW.diagnostics(),
        WINDOW.nextPrior());
    PosteriorSummary s = SummaryRecords.summary(new WindowInfo("m", 3, 0, 1, 0), sampled,
        Instant.EPOCH, "abc");
    assertThat(s.getRowsInWindow()).isEqualTo(6000);
    assertThat(s.getDiagnostics().getSampledRows()).isEqualTo(1500);
    assertThat(SummaryRecords.summary(new WindowInfo("m", 3, 0, 1, 0), WINDOW, Instant.EPOCH, "abc")
        .getDiagnostics().getSampledRows()).as("every row used").isZero();
  }

  @Test
  void theSummarySaysWhatTheNextPriorIsAndTheGapAutoDecidedBy() {
    PosteriorSummary s = SummaryRecords.summary(new WindowInfo("m", 3, 0, 1, 0), WINDOW, Instant.EPOCH, "abc");
    assertThat(s.getDiagnostics().getPriorKind()).isEqualTo("retained-rows");
    assertThat(s.getDiagnostics().getModeGap()).isEqualTo(0.4);
    WindowSummary notComputed = new WindowSummary(3, 10, 0, 30, WINDOW.stats(), WINDOW.diagnostics(),
        new NextPrior(NextPrior.Kind.LAPLACE, Double.NaN));
    PosteriorSummary laplace = SummaryRecords.summary(new WindowInfo("m", 3, 0, 1, 0), notComputed, Instant.EPOCH, "abc");
    assertThat(laplace.getDiagnostics().getPriorKind()).isEqualTo("laplace");
    assertThat(laplace.getDiagnostics().getModeGap()).as("NaN is published as null").isNull();
  }
}
