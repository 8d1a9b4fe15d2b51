package io.sivistream.app.cli;

import io.sivistream.core.bench.EngineBench;
import io.sivistream.core.bench.ScalingBench;
import io.sivistream.core.critic.CriticConfig;
import io.sivistream.core.data.CsvDatasets;
import io.sivistream.core.data.Dataset;
import io.sivistream.core.linalg.Kernels;
import io.sivistream.core.target.Target;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.buffer.DataType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sivistream bench engine}: iterations per second of the SIVI-SM training step at the
 * authors' waveform configuration, or the scaling sweep over parameter dimension and data batch.
 */
@Command(name = "engine", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = {"Time the SIVI-SM training step (one family step + one critic step per iteration).",
        "waveform: the authors' configuration (latent 10, family 10-100-100-22, critic 22-256-256-22,",
        "100 particles, all 400 rows per step); the last line holds it_per_s=<number>, timed around",
        "the loop only, after a warm-up.",
        "scaling: seconds per iteration and peak memory as the parameter dimension (2 .. 7,850) and",
        "the data batch (100 .. 6,400) grow."},
    footer = {"", "Examples:",
        "  sivistream bench engine --task waveform --iterations 3000",
        "  sivistream bench engine --task scaling --markdown scaling.md"})
final class BenchEngineCommand implements Callable<Integer> {

  enum Task { waveform, scaling }

  enum Precision { float32, float64 }

  @Spec
  CommandSpec spec;

  @Option(names = "--task", paramLabel = "T", defaultValue = "waveform",
      description = "waveform or scaling (default: ${DEFAULT-VALUE}).")
  Task task;

  @Option(names = "--iterations", paramLabel = "N", defaultValue = "3000",
      description = "waveform: timed iterations (default: ${DEFAULT-VALUE}).")
  int iterations;

  @Option(names = "--warmup", paramLabel = "N", defaultValue = "300",
      description = "waveform: untimed iterations first, for the JIT (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--repeats", paramLabel = "N", defaultValue = "1",
      description = "waveform: time the loop N times and report each and the best (default: ${DEFAULT-VALUE}).")
  int repeats;

  @Option(names = "--precision", paramLabel = "P", defaultValue = "float32",
      description = "float32 (the engine's default) or float64 (default: ${DEFAULT-VALUE}).")
  Precision precision;

  @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
      description = "BLAS threads (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--data", paramLabel = "F.csv",
      description = "waveform: another logistic-regression data set (label column y, every other column a"
          + " feature) instead of the bundled 400 waveform rows.")
  Path data;

  @Option(names = "--seconds-per-case", paramLabel = "S", defaultValue = "5",
      description = "scaling: timed wall time per case (default: ${DEFAULT-VALUE}).")
  double secondsPerCase;

  @Option(names = "--markdown", paramLabel = "F.md", description = "scaling: also write the table as Markdown.")
  Path markdown;

  @Override
  public Integer call() {
    if (iterations < 1 || warmup < 0 || repeats < 1 || threads < 1 || !(secondsPerCase > 0)) {
      throw new ParameterException(spec.commandLine(), "--iterations, --repeats and --threads must be >= 1,"
          + " --warmup >= 0 and --seconds-per-case > 0");
    }
    if (markdown != null) {
      OutputFiles.prepare("--markdown", markdown);
    }
    Kernels.setBlasThreads(threads);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (task == Task.waveform) {
      return waveform(out, err);
    }
    return scaling(out, err);
  }

  private int waveform(PrintWriter out, PrintWriter err) {
    Dataset rows = data == null ? EngineBench.waveform() : CsvDatasets.read(data, "y", null);
    Target target;
    try {
      target = EngineBench.waveformTarget(rows);
    } catch (IllegalArgumentException e) {
      throw new UserError(rows.source() + ": " + e.getMessage(), e);
    }
    DataType type = precision == Precision.float64 ? DataType.DOUBLE : DataType.FLOAT;
    err.printf(Locale.ROOT, "bench engine: waveform, %d parameters, %d rows, %s, %d BLAS thread(s), direct CPU"
        + " kernels %s; %d warm-up + %d timed iterations%n", target.dim(), rows.rows(), precision, threads,
        Kernels.direct() ? "on" : "off", warmup, iterations);
    err.flush();
    double best = 0;
    EngineBench.Result last = null;
    for (int r = 0; r < repeats; r++) {
      last = EngineBench.time(target, EngineBench.AUTHORS_FAMILY, CriticConfig.DEFAULT, 100, 400, type, warmup, iterations);
      best = Math.max(best, last.iterationsPerSecond());
      err.printf(Locale.ROOT, "bench engine: run %d/%d: %.1f it/s (%.2f s wall, %.2f s CPU)%n", r + 1, repeats,
          last.iterationsPerSecond(), last.seconds(), last.cpuSeconds());
      err.flush();
    }
    out.printf(Locale.ROOT, "task=waveform iterations=%d seconds=%.3f cpu_seconds=%.3f peak_rss_mb=%d"
        + " best_it_per_s=%.1f it_per_s=%.1f%n", last.iterations(), last.seconds(), last.cpuSeconds(),
        last.peakBytes() >> 20, best, last.iterationsPerSecond());
    out.flush();
    return 0;
  }

  private int scaling(PrintWriter out, PrintWriter err) {
    err.printf(Locale.ROOT, "bench engine: scaling sweep, %.1f s per case, %d BLAS thread(s)%n", secondsPerCase, threads);
    err.flush();
    List<ScalingBench.Row> rows = ScalingBench.run(secondsPerCase, row -> {
      err.printf(Locale.ROOT, "bench engine: %s %d (batch %d): %.4f s/it%n", row.sweep(), row.dim(), row.dataBatch(),
          row.result().secondsPerIteration());
      err.flush();
    });
    String table = table(rows);
    out.print(table);
    out.flush();
    if (markdown != null) {
      try {
        Files.writeString(markdown, table, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UserError("cannot write " + markdown + ": " + e.getMessage(), e);
      }
    }
    return 0;
  }

  static String table(List<ScalingBench.Row> rows) {
    StringBuilder b = new StringBuilder();
    b.append("| sweep | parameters | data batch | iterations | s / iteration | iterations / s | peak RSS (MB) |\n");
    b.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (ScalingBench.Row r : rows) {
      b.append(String.format(Locale.ROOT, "| %s | %,d | %s | %d | %.4f | %.1f | %d |%n", r.sweep(), r.dim(),
          r.dataBatch() == 0 ? "—" : String.format(Locale.ROOT, "%,d", r.dataBatch()), r.result().iterations(),
          r.result().secondsPerIteration(), r.result().iterationsPerSecond(), r.result().peakBytes() >> 20));
    }
    return b.toString();
  }
}
