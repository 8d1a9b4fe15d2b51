package io.sivistream.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sivistream.core.data.CsvDatasets;
import io.sivistream.core.data.Dataset;
import io.sivistream.core.spec.ModelSpec;
import io.sivistream.core.stream.ModelDefinition;
import io.sivistream.core.stream.ModelDefinitions;
import io.sivistream.core.stream.PosteriorState;
import io.sivistream.core.stream.StreamingUpdate;
import io.sivistream.core.stream.WindowResult;
import io.sivistream.core.stream.WindowSummary;
import io.sivistream.core.summary.DrawSummary;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sivistream replay}: feeds a CSV file through the streaming update window by window, in
 * file order, without Kafka (backtests), then writes draws of the final posterior.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = {"Replay a CSV file through the streaming update, window by window (stream.windowRows rows each,"
        + " in file order), and write draws of the final posterior.",
        "One line per window goes to stderr; --summaries-out writes one JSON summary per window."},
    footer = {"", "Example:",
        "  sivistream replay --spec logistic.yaml --data waveform_train.csv --draws-out final.csv --summaries-out windows.jsonl"})
final class ReplayCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--spec", required = true, paramLabel = "S.yaml", description = "Model spec (YAML) with a stream: block.")
  Path specFile;

  @Option(names = "--data", required = true, paramLabel = "F.csv", description = "Data (CSV with a header row), in stream order.")
  Path dataFile;

  @Option(names = "--draws-out", required = true, paramLabel = "D.csv", description = "Where to write draws of the final posterior.")
  Path drawsOut;

  @Option(names = "--draws", paramLabel = "N", defaultValue = "4000", description = "Number of draws (default: ${DEFAULT-VALUE}).")
  int draws;

  @Option(names = "--summaries-out", paramLabel = "J.jsonl", description = "Also write one JSON summary per window.")
  Path summariesOut;

  @Override
  public Integer call() {
    if (draws < 1) {
      throw new ParameterException(spec.commandLine(), "--draws must be >= 1, got " + draws);
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ModelSetup setup = ModelSetup.load(specFile, dataFile);
    if (setup.table() != null) {
      throw new UserError(specFile + ": replay takes the named regression models so far; fit a formula model with"
          + " 'fit' (streaming formula models is a later step of issue 13)");
    }
    OutputFiles.prepare("--draws-out", drawsOut);
    OutputFiles.prepare("--summaries-out", summariesOut);
    ModelSpec model = setup.spec();
    int windowRows = model.stream().windowRows();
    if (windowRows < 1) {
      throw new UserError(specFile + ": replay cuts the file into windows of stream.windowRows rows (file order has no"
          + " event times); set stream.windowRows, e.g. 'stream: {windowRows: 250}'");
    }
    Dataset data = setup.data();
    ModelDefinition definition;
    try {
      definition = ModelDefinitions.of(model, data.featureNames());
    } catch (IllegalArgumentException e) {
      throw new UserError(specFile + ": " + e.getMessage(), e);
    }
    StreamingUpdate update = new StreamingUpdate(definition);
    int windows = (data.rows() + windowRows - 1) / windowRows;
    err.printf(Locale.ROOT, "replay: %s, %d windows of %d rows, %s prior, forgetting %.3g%n", setup.describe(), windows,
        windowRows, model.stream().prior().name().toLowerCase(Locale.ROOT), model.stream().forgetting());
    err.flush();
    ObjectMapper json = new ObjectMapper();
    PosteriorState state = null;
    WindowResult last = null;
    long started = System.nanoTime();
    try (BufferedWriter lines = summariesOut == null ? null : Files.newBufferedWriter(summariesOut, StandardCharsets.UTF_8)) {
      for (int w = 0; w < windows; w++) {
        Dataset window = data.slice(w * windowRows, Math.min(data.rows(), (w + 1) * windowRows));
        last = update.apply(state, window);
        state = last.state();
        WindowSummary s = last.summary();
        err.printf(Locale.ROOT, "replay: window %d/%d, %d rows (total %d), %d iterations in %.1f s, loss %.3g, %s, ETA %.0f s%n",
            s.version(), windows, s.rowsInWindow(), s.rowsTotal(), s.diagnostics().iterations(),
            s.diagnostics().updateMillis() / 1000.0, s.diagnostics().finalLoss(), s.diagnostics().status(),
            (System.nanoTime() - started) / 1e9 / (w + 1) * (windows - w - 1));
        err.flush();
        if (lines != null) {
          lines.write(json.writeValueAsString(toJson(s)));
          lines.newLine();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    double[][] sample = last.posterior().sample(draws, model.train().seed() + FitCommand.SAMPLE_SEED_OFFSET);
    CsvDatasets.writeDraws(drawsOut, definition.parameterNames(), sample);
    String table = DrawSummary.of(definition.parameterNames(), sample).toTable();
    out.print(table.endsWith("\n") ? table : table + System.lineSeparator());
    out.flush();
    err.printf(Locale.ROOT, "replay: %d windows in %.1f s; wrote %d draws of the final posterior to %s%n", windows,
        (System.nanoTime() - started) / 1e9, draws, drawsOut);
    err.flush();
    return 0;
  }

  static Map<String, Object> toJson(WindowSummary s) {
    DrawSummary st = s.stats();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", s.version());
    m.put("rowsInWindow", s.rowsInWindow());
    m.put("rowsTotal", s.rowsTotal());
    m.put("parameters", st.names());
    m.put("mean", st.mean());
    m.put("sd", st.sd());
    m.put("q05", st.q05());
    m.put("q50", st.q50());
    m.put("q95", st.q95());
    m.put("correlation", st.corr());
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("finalLoss", finite(s.diagnostics().finalLoss()));
    d.put("criticNorm", s.diagnostics().criticNorm());
    d.put("iterations", s.diagnostics().iterations());
    d.put("updateMillis", s.diagnostics().updateMillis());
    d.put("status", s.diagnostics().status().name());
    m.put("diagnostics", d);
    return m;
  }

  private static Object finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
