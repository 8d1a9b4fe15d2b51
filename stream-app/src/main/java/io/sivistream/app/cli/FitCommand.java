package io.sivistream.app.cli;

import io.sivistream.core.data.CsvDatasets;
import io.sivistream.core.spec.ModelSpec;
import io.sivistream.core.summary.DrawSummary;
import io.sivistream.core.train.FitResult;
import io.sivistream.core.train.SiviSm;
import io.sivistream.core.train.TrainConfig;
import java.io.PrintWriter;
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
 * {@code sivistream fit}: batch SIVI-SM fit of a spec (and a CSV file), then draws, a summary table
 * and optionally a JSON summary and a pair plot.
 */
@Command(name = "fit", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = {"Fit a posterior with SIVI-SM (batch), write draws and print a summary table.",
        "Progress goes to stderr, the summary table to stdout."},
    footer = {"", "Example:",
        "  sivistream fit --spec logistic.yaml --data waveform_train.csv --draws-out draws.csv --plot pairs.png"})
final class FitCommand implements Callable<Integer> {

  /** Drawing reuses the fit seed shifted by this, so draws and training noise are independent streams. */
  static final long SAMPLE_SEED_OFFSET = 1_000_003L;
  static final int PLOT_PARAMS = 6;

  @Spec
  CommandSpec spec;

  @Option(names = "--spec", required = true, paramLabel = "S.yaml", description = "Model spec (YAML).")
  Path specFile;

  @Option(names = "--data", paramLabel = "F.csv", description = "Data (CSV with a header row); models such as"
      + " banana need none.")
  Path dataFile;

  @Option(names = "--draws-out", required = true, paramLabel = "D.csv", description = "Where to write the draws"
      + " (CSV: header of parameter names, one draw per row).")
  Path drawsOut;

  @Option(names = "--draws", paramLabel = "N", defaultValue = "4000",
      description = "Number of draws to write (default: ${DEFAULT-VALUE}).")
  int draws;

  @Option(names = "--summary-out", paramLabel = "J.json", description = "Also write the summary as JSON.")
  Path summaryOut;

  @Option(names = "--plot", paramLabel = "P.png", description = "Also write a pair plot (PNG) of the first "
      + PLOT_PARAMS + " parameters.")
  Path plot;

  @Option(names = "--iterations", paramLabel = "N", description = "Override train.iterations of the spec.")
  Integer iterations;

  @Option(names = "--seed", paramLabel = "N", description = "Override train.seed of the spec.")
  Long seed;

  @Override
  public Integer call() {
    if (draws < 1) {
      throw new ParameterException(spec.commandLine(), "--draws must be >= 1, got " + draws);
    }
    if (iterations != null && iterations < 1) {
      throw new ParameterException(spec.commandLine(), "--iterations must be >= 1, got " + iterations);
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ModelSetup setup = ModelSetup.load(specFile, dataFile);
    OutputFiles.prepare("--draws-out", drawsOut);
    OutputFiles.prepare("--summary-out", summaryOut);
    OutputFiles.prepare("--plot", plot);

    ModelSpec model = setup.spec();
    // the settings this target's fit runs with (defaults filled in per target), then the overrides
    TrainConfig train = SiviSm.schedule(setup.target(), model.train());
    if (iterations != null) {
      train = train.withIterations(iterations);
    }
    if (seed != null) {
      train = train.withSeed(seed);
    }
    err.printf(Locale.ROOT, "fit: %s with SIVI-SM (%s step), %d iterations, batch %d, seed %d%n", setup.describe(),
        train.familyGradient().yamlName(), train.iterations(), train.batch(), train.seed());
    err.flush();
    ProgressReporter progress = new ProgressReporter(err, "fit", Main.stderrIsTerminal());
    FitResult result;
    try {
      result = SiviSm.fit(setup.target(), model.family(), model.critic(), train, progress);
    } finally {
      progress.finish();
    }

    // on the reported scale: a formula model fits log sigma and reports sigma
    var names = setup.target().drawNames();
    double[][] sample = setup.target().toDraws(result.posterior().sample(draws, train.seed() + SAMPLE_SEED_OFFSET));
    CsvDatasets.writeDraws(drawsOut, names, sample);
    DrawSummary summary = DrawSummary.of(names, sample);
    String table = summary.toTable();
    out.print(table.endsWith("\n") ? table : table + System.lineSeparator());
    out.flush();
    if (summaryOut != null) {
      SummaryJson.write(summaryOut, facts(setup, train, result), summary, null, null);
    }
    if (plot != null) {
      PairPlot.write(plot, names, sample, PLOT_PARAMS);
    }
    err.printf(Locale.ROOT, "fit: %d iterations in %.1f s, final loss %.4g, %d recoveries; wrote %d draws to %s%n",
        result.iterations(), result.seconds(), result.finalLoss(), result.recoveries(), draws, drawsOut);
    if (result.recoveries() > 0) {
      err.println("warning: " + result.recoveries() + " non-finite steps were rolled back; consider lower learning"
          + " rates (train.familyLr, train.criticLr)");
    }
    err.flush();
    return 0;
  }

  private Map<String, Object> facts(ModelSetup setup, TrainConfig train, FitResult result) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("command", "fit");
    f.put("model", setup.spec().model());
    f.put("spec", specFile.toString());
    f.put("data", dataFile == null ? null : dataFile.toString());
    f.put("draws", draws);
    f.put("drawsFile", drawsOut.toString());
    f.put("seed", train.seed());
    f.put("iterations", result.iterations());
    f.put("finalLoss", result.finalLoss());
    f.put("recoveries", result.recoveries());
    f.put("seconds", result.seconds());
    return f;
  }
}
