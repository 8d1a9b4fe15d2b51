package io.sivistream.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** demo, run and kafka without starting anything: help, option and config errors. */
class PipelineCommandsTest {

  @Test
  void topLevelHelpListsThePipelineCommands() {
    assertThat(Cli.run("--help").out()).contains("demo").contains("run").contains("kafka");
  }

  @ParameterizedTest
  @ValueSource(strings = {"demo", "run", "kafka"})
  void everyPipelineCommandHasHelp(String command) {
    Cli r = Cli.run(command, "--help");
    assertThat(r.status()).as(r.toString()).isZero();
    assertThat(r.out()).contains("Usage: sivistream " + command).contains("--seconds=N")
        .contains("--help").contains("--debug");
  }

  @Test
  void demoHelpShowsPortsAndTheDashboard() {
    String out = Cli.run("demo", "--help").out();
    assertThat(out).contains("--kafka-port=K").contains("(default: 9092").contains("--port=P")
        .contains("(default: 8080").contains("dashboard");
    assertThat(Cli.run("demo", "--port", "70000").errLines()).containsExactly(
        "sivistream: --port must be in 0..65535, got 70000 (see 'sivistream demo --help')");
  }

  @Test
  void badOptionsAreOneLineUsageErrors() {
    Cli r = Cli.run("demo", "--seconds", "0");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.errLines()).containsExactly(
        "sivistream: --seconds must be >= 1, got 0 (see 'sivistream demo --help')");
    assertThat(Cli.run("kafka", "--port", "70000").errLines()).containsExactly(
        "sivistream: --port must be in 0..65535, got 70000 (see 'sivistream kafka --help')");
    assertThat(Cli.run("run").errLines()).containsExactly(
        "sivistream: Missing required option: '--config=C.yaml' (see 'sivistream run --help')");
  }

  @Test
  void runReportsConfigMistakesInOneLine(@TempDir Path dir) throws Exception {
    Path missing = dir.resolve("nope.yaml");
    Cli r = Cli.run("run", "--config", missing.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.errLines()).containsExactly("sivistream: " + missing + ": no such file");

    Path bad = Files.writeString(dir.resolve("job.yaml"), "bootstrapServers: k:9092\nparalelism: 2\n");
    r = Cli.run("run", "--config", bad.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.errLines()[0]).startsWith("sivistream: " + bad + ": unknown key 'paralelism'");
  }

  @Test
  void aTakenKafkaPortIsAUserError() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      Cli r = Cli.run("kafka", "--port", Integer.toString(taken.getLocalPort()));
      assertThat(r.status()).as(r.toString()).isEqualTo(2);
      assertThat(r.errLines()).hasSize(1);
      assertThat(r.errLines()[0]).startsWith("sivistream: cannot bind the embedded Kafka")
          .endsWith("(--port)");
    }
  }
}
