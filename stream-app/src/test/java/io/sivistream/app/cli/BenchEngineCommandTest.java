package io.sivistream.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sivistream.core.bench.EngineBench;
import io.sivistream.core.bench.ScalingBench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchEngineCommandTest {

  @TempDir
  Path dir;

  @Test
  void waveformRunEndsWithAPositiveRate() {
    Cli r = Cli.run("bench", "engine", "--task", "waveform", "--iterations", "30", "--warmup", "5");
    assertThat(r.status()).as(r.toString()).isZero();
    String[] lines = r.out().strip().split("\\R");
    Matcher m = Pattern.compile("it_per_s=([0-9.]+)$").matcher(lines[lines.length - 1]);
    assertThat(m.find()).as(r.toString()).isTrue();
    assertThat(Double.parseDouble(m.group(1))).isPositive();
    assertThat(r.out()).contains("iterations=30 ");
    assertThat(r.err()).contains("22 parameters, 400 rows");
  }

  @Test
  void badOptionsAreOneLineErrors() {
    Cli r = Cli.run("bench", "engine", "--iterations", "0");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("--iterations");
    Cli missing = Cli.run("bench", "engine", "--data", dir.resolve("nope.csv").toString());
    assertThat(missing.status()).as(missing.toString()).isEqualTo(2);
    assertThat(missing.errLines()).hasSize(1);
    assertThat(missing.err()).contains("nope.csv");
  }

  @Test
  void dataWithNonBinaryLabelsIsRejected() throws Exception {
    Path csv = dir.resolve("rows.csv");
    Files.writeString(csv, "a,y\n1,0\n2,3\n");
    Cli r = Cli.run("bench", "engine", "--data", csv.toString(), "--iterations", "5");
    assertThat(r.status()).as(r.toString()).isEqualTo(2);
    assertThat(r.errLines()).hasSize(1);
  }

  @Test
  void scalingTableHasOneLinePerCase() {
    EngineBench.Result result = new EngineBench.Result(10, 2.0, 1.5, 300L << 20);
    String table = BenchEngineCommand.table(List.of(new ScalingBench.Row("dimension", 7850, 400, result),
        new ScalingBench.Row("dimension", 2, 0, result)));
    assertThat(table.split("\\R")).hasSize(4);
    assertThat(table).contains("| dimension | 7,850 | 400 | 10 | 0.2000 | 5.0 | 300 |");
    assertThat(table).contains("| dimension | 2 | — |");
  }
}
