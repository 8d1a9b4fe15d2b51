package io.sivistream.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sivistream.app.bench.PipelineBench;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Options of {@code bench pipeline}: every bad value is one line and exit status 2. */
class BenchCommandTest {

  private static void assertUserError(Cli r, String message) {
    assertThat(r.status()).as(r.toString()).isEqualTo(2);
    assertThat(r.errLines()).as(r.toString()).hasSize(1);
    assertThat(r.errLines()[0]).as(r.toString()).startsWith("sivistream: " + message)
        .endsWith("(see 'sivistream bench pipeline --help')");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void badOptions() {
    assertUserError(Cli.run("bench", "pipeline", "--rate", "0"),
        "--rate must be in (0, 1000000] observations/s, got 0.0");
    assertUserError(Cli.run("bench", "pipeline", "--seconds", "0"), "--seconds must be >= 1, got 0");
    assertUserError(Cli.run("bench", "pipeline", "--update", "fast"),
        "--update must be one of engine, none; got 'fast'");
    assertUserError(Cli.run("bench", "pipeline", "--window-seconds", "0.01"),
        "--window-seconds must be in [0.1, 3600], got 0.01");
    assertUserError(Cli.run("bench", "pipeline", "--seconds", "10", "--warmup", "10"),
        "--warmup must be in [0, --seconds), got 10 with --seconds 10");
    assertUserError(Cli.run("bench", "pipeline", "--iterations", "0"),
        "--iterations must be >= 1, got 0");
    assertUserError(Cli.run("bench", "pipeline", "--checkpoint-ms", "10"),
        "--checkpoint-ms must be >= 100, got 10");
    assertUserError(Cli.run("bench", "pipeline", "--models", "0"), "--models must be in 1..1000, got 0");
    assertUserError(Cli.run("bench", "pipeline", "--progress-every", "0"),
        "--progress-every must be >= 0.1 seconds, got 0.0");
    assertUserError(Cli.run("bench", "pipeline", "--rate", "lots"),
        "Invalid value for option '--rate'");
  }

  @Test
  void benchWithoutABenchmarkIsAUsageError() {
    Cli r = Cli.run("bench");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.errLines()).containsExactly("sivistream: missing benchmark, e.g. 'sivistream bench engine'"
        + " or 'sivistream bench pipeline' (see 'sivistream bench --help')");
  }

  @Test
  void helpListsTheOptions() {
    Cli r = Cli.run("bench", "pipeline", "--help");
    assertThat(r.status()).isZero();
    assertThat(r.out()).contains("--seconds", "--rate", "--window-seconds", "--iterations",
        "--checkpoint-ms", "--update", "logistic");
    assertThat(Cli.run("bench", "--help").out()).contains("pipeline");
  }

  @Test
  void optionsBecomeSettings() {
    BenchPipelineCommand c = new BenchPipelineCommand();
    new CommandLine(c).parseArgs("--seconds", "30", "--rate", "2000", "--update", "NONE",
        "--checkpoint-ms", "1000");
    PipelineBench.Settings s = c.settings();
    assertThat(s.seconds()).isEqualTo(30);
    assertThat(s.rate()).isEqualTo(2000.0);
    assertThat(s.update()).isEqualTo(PipelineBench.Update.NONE);
    assertThat(s.checkpointInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(s.warmup()).as("a third of --seconds").isEqualTo(Duration.ofSeconds(10));
    assertThat(s.windowSeconds()).isEqualTo(1.0);

    new CommandLine(c = new BenchPipelineCommand()).parseArgs("--seconds", "300");
    assertThat(c.settings().warmup()).as("at most 40 s").isEqualTo(Duration.ofSeconds(40));
    new CommandLine(c = new BenchPipelineCommand()).parseArgs();
    assertThat(c.settings().seconds()).isEqualTo(120);
    assertThat(c.settings().rate()).isEqualTo(50_000.0);
  }
}
