package io.sivistream.app.cli;

import io.sivistream.app.bench.SoakBench;
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
 * {@code sivistream bench soak}: a steady load across many models with faults on a schedule; exits
 * 1 on any loss, duplicate, gap, dead letter or memory growth.
 */
@Command(name = "soak", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = {"Soak the pipeline under faults: embedded Kafka -> Flink job -> Kafka, many models,"
        + " a task failure and a broker restart injected alternately on a schedule.",
        "The update counts rows (no inference), so the soak measures what the pipeline guarantees:"
        + " at the end every model's committed versions must be 1..k with no gap or duplicate,"
        + " every acknowledged row must be in exactly one committed window, no row a dead letter,"
        + " and (in runs of 10 minutes or more) the RSS of the last third of the run within 1.25x"
        + " of the middle third's."
        + " Progress lines on stderr; a report and one 'bench-soak key=value ...' line on stdout;"
        + " exit code 1 when anything was found."},
    footer = {"", "Examples:", "  sivistream bench soak --minutes 3 --models 100",
        "  sivistream bench soak --minutes 30 --models 200 --rate 4000"})
final class BenchSoakCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--minutes", paramLabel = "M", defaultValue = "3",
      description = "How long the load runs (default: ${DEFAULT-VALUE}).")
  double minutes;

  @Option(names = "--models", paramLabel = "N", defaultValue = "100",
      description = "Models (Kafka keys) the rows are spread over (default: ${DEFAULT-VALUE}).")
  int models;

  @Option(names = "--rate", paramLabel = "R", defaultValue = "2000",
      description = "Observations per second, all models together (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--window-seconds", paramLabel = "W", defaultValue = "2",
      description = "Event-time window of each model (default: ${DEFAULT-VALUE}).")
  double windowSeconds;

  @Option(names = "--fault-every", paramLabel = "S", defaultValue = "40",
      description = "Seconds between faults, alternately a task failure and a broker restart"
          + " (default: ${DEFAULT-VALUE}).")
  long faultEvery;

  @Option(names = "--broker-down", paramLabel = "S", defaultValue = "10",
      description = "Seconds the broker stays down at each restart (default: ${DEFAULT-VALUE}).")
  long brokerDown;

  @Option(names = "--progress-every", paramLabel = "S", defaultValue = "5",
      description = "Seconds between progress lines (default: ${DEFAULT-VALUE}).")
  double progressEvery;

  @Override
  public Integer call() throws Exception {
    SoakBench.Settings settings = settings();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    SoakBench.Result r = SoakBench.run(settings, line -> {
      err.println(line);
      err.flush();
    });
    print(r, out);
    return r.passed() ? 0 : 1;
  }

  SoakBench.Settings settings() {
    if (!(minutes > 0) || Double.isInfinite(minutes) || !(progressEvery > 0) || Double.isInfinite(progressEvery)) {
      throw new ParameterException(spec.commandLine(),
          "--minutes and --progress-every must be positive numbers, got " + minutes + " and " + progressEvery);
    }
    try {
      return new SoakBench.Settings(Duration.ofMillis(Math.round(minutes * 60_000)), models, rate,
          windowSeconds, Duration.ofSeconds(faultEvery), Duration.ofSeconds(brokerDown),
          Duration.ofMillis(Math.round(progressEvery * 1000)));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private static void print(SoakBench.Result r, PrintWriter out) {
    SoakBench.Settings s = r.settings();
    out.printf(Locale.ROOT, "soak: %d models, %,.0f rows/s, %s s windows, %d s, %d core(s)%n",
        s.models(), s.rate(), s.windowSeconds(), s.duration().toSeconds(),
        Runtime.getRuntime().availableProcessors());
    out.printf(Locale.ROOT, "  faults              %d task failure(s), %d broker restart(s) of %d s%n",
        r.taskFailures(), r.brokerRestarts(), s.brokerDown().toSeconds());
    out.printf(Locale.ROOT, "  rows                %,d acknowledged, %,d in committed windows%n",
        r.rowsIn(), r.rowsOut());
    out.printf(Locale.ROOT, "  versions            %,d committed, %d model(s) published%n",
        r.versions(), r.modelsSeen());
    out.printf(Locale.ROOT, "  dead letters        %s%n",
        r.deadLetters().isEmpty() ? "none" : r.deadLetters().toString());
    out.printf(Locale.ROOT, "  RSS                 middle third max %,d MiB, last third max %,d MiB%n",
        r.rssMiddleMax() >> 20, r.rssLastMax() >> 20);
    if (r.passed()) {
      out.println("  passed: no loss, duplicate, gap, dead letter or growth");
    } else {
      out.println("  FAILED:");
      r.problems().stream().limit(20).forEach(p -> out.println("    " + p));
      if (r.problems().size() > 20) {
        out.println("    ... and " + (r.problems().size() - 20) + " more");
      }
    }
    out.println(r.machineLine());
    out.flush();
  }
}
