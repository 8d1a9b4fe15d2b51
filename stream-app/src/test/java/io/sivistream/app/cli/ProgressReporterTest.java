package io.sivistream.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressReporterTest {

  @Test
  void lineShowsCountPercentLossRateAndEta() {
    assertThat(ProgressReporter.line("fit", 1200, 20000, 3.21049, 2.0))
        .isEqualTo("fit 1200/20000 (6%)  loss 3.210  600 it/s  ETA 0:31");
    assertThat(ProgressReporter.line("fit", 500, 500, 0.5, 125.0))
        .isEqualTo("fit 500/500 (100%)  loss 0.5000  4.0 it/s  done in 2:05");
    assertThat(ProgressReporter.line("hmc", 10, 100, Double.NaN, 0.0)).isEqualTo("hmc 10/100 (10%)");
    assertThat(ProgressReporter.clock(3725)).isEqualTo("1:02:05");
  }

  @Test
  void logModePrintsAboutEveryTenth() {
    StringWriter sw = new StringWriter();
    ProgressReporter p = new ProgressReporter(new PrintWriter(sw), "fit", false);
    for (int i = 50; i <= 1000; i += 50) {
      p.onProgress(i, 1000, 1.0, i / 100.0);
    }
    p.finish();
    String[] lines = sw.toString().split("\n");
    assertThat(lines).hasSize(10);
    assertThat(lines[0]).startsWith("fit 100/1000 (10%)");
    assertThat(lines[9]).startsWith("fit 1000/1000 (100%)");
    assertThat(sw.toString()).doesNotContain("\r");
  }

  @Test
  void terminalModeRewritesOneLineAndEndsItOnFinish() {
    StringWriter sw = new StringWriter();
    ProgressReporter p = new ProgressReporter(new PrintWriter(sw), "fit", true);
    p.onProgress(100, 1000, 10.0, 1.0);
    p.onProgress(200, 1000, 1.0, 1.05); // too soon after the last redraw: skipped
    p.onProgress(300, 1000, 1.0, 3.0);
    p.onProgress(1000, 1000, 1.0, 3.01); // the last one is always drawn
    p.finish();
    String s = sw.toString();
    assertThat(s.split("\r", -1)).hasSize(4);
    assertThat(s).doesNotContain("200/1000").endsWith("\n");
    assertThat(s.indexOf('\n')).isEqualTo(s.length() - 1);
  }
}
