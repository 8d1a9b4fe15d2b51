package io.sivistream.app.cli;

import io.sivistream.app.bench.BenchModel;
import io.sivistream.app.bench.PipelineBench;
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
 * {@code sivistream bench pipeline}: the whole pipeline on this machine under a fixed synthetic
 * load, reporting sustained throughput, refresh latency, broker lag and memory.
 */
@Command(name = "pipeline", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = {"Benchmark the pipeline: embedded Kafka -> Flink job -> update -> Kafka.",
        "Streams synthetic observations of a " + BenchModel.PARAMETERS + "-parameter logistic"
        + " regression (intercept + " + BenchModel.FEATURES + " features) at a fixed rate into the"
        + " embedded broker, runs the posterior job on local Flink with the exactly-once sink and"
        + " reads the committed summaries back. Progress lines on stderr every few seconds; a"
        + " summary and one 'bench-pipeline key=value ...' line on stdout at the end.",
        "Refresh latency: from a window's end (event time = the producer's clock) until its"
        + " committed summary is readable (read_committed). Lag: rows on the observations topic"
        + " beyond the offsets the job committed. RSS covers the whole process (broker, Flink,"
        + " producer)."},
    footer = {"", "Examples:", "  sivistream bench pipeline --seconds 120 --rate 50000",
        "  sivistream bench pipeline --seconds 30 --rate 50000 --update none"})
final class BenchPipelineCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--seconds", paramLabel = "N", defaultValue = "120",
      description = "How long to produce (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Option(names = "--rate", paramLabel = "R", defaultValue = "50000",
      description = "Observations per second, all models together (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--models", paramLabel = "M", defaultValue = "1",
      description = "Models (Kafka keys) the rows are spread over (default: ${DEFAULT-VALUE}).")
  int models;

  @Option(names = "--window-seconds", paramLabel = "W", defaultValue = "1",
      description = "Event-time window of each model, stream.windowSeconds (default:"
          + " ${DEFAULT-VALUE}).")
  double windowSeconds;

  @Option(names = "--iterations", paramLabel = "I", defaultValue = "50",
      description = "SIVI-SM iterations per window, stream.iterationsPerWindow (default:"
          + " ${DEFAULT-VALUE}).")
  int iterations;

  @Option(names = "--checkpoint-ms", paramLabel = "MS", defaultValue = "500",
      description = "Checkpoint interval: exactly-once output is committed at this cadence"
          + " (default: ${DEFAULT-VALUE}).")
  long checkpointMs;

  @Option(names = "--out-of-orderness-ms", paramLabel = "MS", defaultValue = "200",
      description = "Watermark lag behind the newest event time (default: ${DEFAULT-VALUE}).")
  long outOfOrdernessMs;

  @Option(names = "--warmup", paramLabel = "S",
      description = "Seconds left out of the result: start-up, JIT, the cold first window and"
          + " the backlog they leave (default: a third of --seconds, at most 40).")
  Integer warmup;

  @Option(names = "--progress-every", paramLabel = "S", defaultValue = "5",
      description = "Seconds between progress lines (default: ${DEFAULT-VALUE}).")
  double progressEvery;

  @Option(names = "--update", paramLabel = "U", defaultValue = "engine",
      description = "engine: the SIVI-SM update; none: no inference, the window's feature means"
          + " (measures Kafka, Flink and the sink alone) (default: ${DEFAULT-VALUE}).")
  String update;

  @Option(names = "--draws", paramLabel = "N", defaultValue = "200",
      description = "Posterior draws published per window (default: ${DEFAULT-VALUE}).")
  int draws;

  @Override
  public Integer call() throws Exception {
    PipelineBench.Settings settings = settings();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    PipelineBench.Result r = PipelineBench.run(settings, line -> {
      err.println(line);
      err.flush();
    });
    print(r, out);
    return 0;
  }

  /** The options as settings; a bad value is a usage error naming the option. */
  PipelineBench.Settings settings() {
    PipelineBench.Update u = switch (update.toLowerCase(Locale.ROOT)) {
      case "engine" -> PipelineBench.Update.ENGINE;
      case "none" -> PipelineBench.Update.NONE;
      default -> throw new ParameterException(spec.commandLine(),
          "--update must be one of engine, none; got '" + update + "'");
    };
    if (!(progressEvery >= 0.1) || Double.isInfinite(progressEvery)) {
      throw new ParameterException(spec.commandLine(),
          "--progress-every must be >= 0.1 seconds, got " + progressEvery);
    }
    int warm = warmup != null ? warmup : Math.min(40, seconds / 3);
    try {
      return new PipelineBench.Settings(seconds, rate, models, windowSeconds, iterations,
          Duration.ofMillis(checkpointMs), Duration.ofMillis(outOfOrdernessMs),
          Duration.ofSeconds(warm), Duration.ofMillis(Math.round(progressEvery * 1000)), u, draws);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private static void print(PipelineBench.Result r, PrintWriter out) {
    PipelineBench.Settings s = r.settings();
    out.printf(Locale.ROOT, "pipeline benchmark: %s update, %d model(s) x %d parameters,"
        + " %s s windows, %d iterations/window, commits every %d ms%n",
        s.update().name().toLowerCase(Locale.ROOT), s.models(), BenchModel.PARAMETERS,
        s.windowSeconds(), s.iterationsPerWindow(), s.checkpointInterval().toMillis());
    out.printf(Locale.ROOT, "measured over %.1f s after a %d s warm-up (%d cores)%n",
        r.measuredSeconds(), s.warmup().toSeconds(), Runtime.getRuntime().availableProcessors());
    out.printf(Locale.ROOT, "  offered rate        %,10.0f rows/s%n", s.rate());
    out.printf(Locale.ROOT, "  in (broker acks)    %,10.0f rows/s%n", r.inPerSec());
    out.printf(Locale.ROOT, "  out (committed)     %,10.0f rows/s%n", r.outPerSec());
    out.printf(Locale.ROOT, "  windows committed   %10d%n", r.windows());
    out.printf(Locale.ROOT, "  refresh latency     p50 %s  p99 %s  max %s%n",
        seconds(r.latencyP50()), seconds(r.latencyP99()), seconds(r.latencyMax()));
    out.printf(Locale.ROOT, "  update time         p50 %s%n", seconds(r.updateP50()));
    out.printf(Locale.ROOT, "  broker lag          end %,d rows, max %,d rows%n", r.lagEnd(),
        r.lagMax());
    out.printf(Locale.ROOT, "  memory              heap max %,d MiB, RSS max %,d MiB%n",
        r.heapMaxBytes() >> 20, r.rssMaxBytes() >> 20);
    out.printf(Locale.ROOT, "  rows                %,d in, %,d in committed posteriors%n",
        r.rowsIn(), r.rowsOut());
    out.println(r.machineLine());
    out.flush();
  }

  private static String seconds(double s) {
    return Double.isNaN(s) ? "-" : String.format(Locale.ROOT, "%.2f s", s);
  }
}
