package io.sivistream.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sivistream.core.data.CsvDatasets;
import io.sivistream.core.data.Draws;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The happy path of {@code hmc} on a real 2-D target. Needs the NUTS sampler and the target
 * registry: it fails until those land (the stubs throw UnsupportedOperationException).
 */
class HmcCommandTest {

  @TempDir
  Path dir;

  @Test
  void samplesBananaAndPrintsDiagnostics() throws Exception {
    Path spec = dir.resolve("banana.yaml");
    Files.writeString(spec, "model: banana\n");
    Path draws = dir.resolve("hmc.csv");
    Cli r = Cli.run("hmc", "--spec", spec.toString(), "--draws-out", draws.toString(), "--draws", "400",
        "--chains", "2", "--warmup", "200", "--seed", "5");
    assertThat(r.status()).as(r.toString()).isZero();
    Draws d = CsvDatasets.readDraws(draws);
    assertThat(d.names()).hasSize(2);
    assertThat(d.size()).isEqualTo(400);
    String[] table = r.out().split("\n");
    assertThat(table[0].split("\\s+")).containsExactly("parameter", "mean", "sd", "q05", "q50", "q95", "rhat", "ess");
    assertThat(table).hasSize(3);
    assertThat(r.err()).contains("hmc: banana (d = 2) with NUTS, 2 chains x (200 warmup + 200 draws), seed 5");
  }
}
