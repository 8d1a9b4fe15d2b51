package io.sivistream.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sivistream bench}: the benchmarks. Each benchmark is a subcommand listed in the
 * annotation below (add one there).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Benchmarks: 'bench pipeline' (Kafka -> Flink -> update -> Kafka on this machine).",
    subcommands = {BenchPipelineCommand.class},
    footer = {"", "Example:", "  sivistream bench pipeline --seconds 120 --rate 50000"})
final class BenchCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(),
        "missing benchmark, e.g. 'sivistream bench pipeline'");
  }
}
