package io.sivistream.app.cli;

import io.sivistream.app.demo.Demo;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sivistream demo}: the whole pipeline on this machine (embedded Kafka, local Flink, the
 * posterior job, a synthetic stream with known coefficients and a drift), printing every posterior
 * update.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = {"Run the whole pipeline locally on a synthetic stream and print each posterior"
        + " update.",
        "Starts an embedded Kafka broker and a local Flink cluster, registers two models"
        + " (a logistic regression whose true coefficients jump half-way, and a Poisson"
        + " regression), streams observations with known true coefficients and prints one line"
        + " per posterior update: mean ± sd of each coefficient and the true value.",
        "The serving app runs too: a live dashboard and the HTTP API at http://127.0.0.1:P/."},
    footer = {"", "Example:", "  sivistream demo --seconds 120 --port 8080"})
final class DemoCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--seconds", paramLabel = "N",
      description = "Stop after N seconds (default: run until Ctrl-C).")
  Integer seconds;

  @Option(names = "--kafka-port", paramLabel = "K", defaultValue = "9092",
      description = "Port of the embedded Kafka broker on 127.0.0.1 (default: ${DEFAULT-VALUE};"
          + " 0 = any free port).")
  int kafkaPort;

  @Option(names = "--port", paramLabel = "P", defaultValue = "8080",
      description = "HTTP port of the serving app's API and dashboard on 127.0.0.1 (default:"
          + " ${DEFAULT-VALUE}; 0 = any free port).")
  int port;

  @Option(names = "--rate", paramLabel = "R", defaultValue = "50",
      description = "Observations per second of each model (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--drift-after", paramLabel = "S",
      description = "Seconds until the drifting model's coefficients jump (default: half of"
          + " --seconds, or 60).")
  Integer driftAfter;

  @Override
  public Integer call() throws Exception {
    if (seconds != null && seconds < 1) {
      throw new ParameterException(spec.commandLine(), "--seconds must be >= 1, got " + seconds);
    }
    if (kafkaPort < 0 || kafkaPort > 65535) {
      throw new ParameterException(spec.commandLine(),
          "--kafka-port must be in 0..65535, got " + kafkaPort);
    }
    if (!(rate > 0) || rate > 10_000) {
      throw new ParameterException(spec.commandLine(), "--rate must be in (0, 10000], got " + rate);
    }
    if (driftAfter != null && driftAfter < 0) {
      throw new ParameterException(spec.commandLine(),
          "--drift-after must be >= 0, got " + driftAfter);
    }
    if (port < 0 || port > 65535) {
      throw new ParameterException(spec.commandLine(), "--port must be in 0..65535, got " + port);
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int drift = driftAfter != null ? driftAfter : seconds != null ? seconds / 2 : 60;
    Demo.Settings settings = new Demo.Settings(kafkaPort, rate, Duration.ofSeconds(drift),
        Duration.ofSeconds(2), port);
    long start = System.nanoTime();
    Demo demo;
    try {
      demo = Demo.start(settings, out, err);
    } catch (IllegalStateException e) {
      throw KafkaCommand.portTaken(e, "--kafka-port");
    } catch (java.io.IOException e) {
      throw new UserError("--port " + port + ": " + e.getMessage(), e);
    }
    err.println(seconds == null ? "sivistream demo: running; Ctrl-C stops it"
        : "sivistream demo: running for " + seconds + " s; Ctrl-C stops it earlier");
    err.flush();
    UntilStopped.await(seconds, demo);
    err.printf(Locale.ROOT, "sivistream demo: stopped after %.0f s, %d posterior updates%n",
        (System.nanoTime() - start) / 1e9, demo.updatesPrinted());
    err.flush();
    return 0;
  }
}
