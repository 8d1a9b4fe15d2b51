package io.sivistream.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sivistream bench}: the benchmarks. Each benchmark is a subcommand listed in the
 * annotation below (add one there). Measured figures are in docs/performance.md.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = {"Benchmarks: 'bench engine' (SIVI-SM iterations per second, scaling sweep) and",
        "'bench pipeline' (Kafka -> Flink -> update -> Kafka on this machine)."},
    subcommands = {BenchEngineCommand.class, BenchPipelineCommand.class, BenchSoakCommand.class},
    footer = {"", "Examples:", "  sivistream bench engine --task waveform --iterations 3000",
        "  sivistream bench pipeline --seconds 120 --rate 50000"})
final class BenchCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(),
        "missing benchmark, e.g. 'sivistream bench engine' or 'sivistream bench pipeline'");
  }
}
