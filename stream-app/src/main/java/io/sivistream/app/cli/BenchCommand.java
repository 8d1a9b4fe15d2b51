package io.sivistream.app.cli;

import picocli.CommandLine.Command;

/** {@code sivistream bench}: the engine and pipeline benchmarks (see docs/performance.md). */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Engine and pipeline benchmarks; see docs/performance.md for measured figures.",
    subcommands = {BenchEngineCommand.class})
final class BenchCommand {}
