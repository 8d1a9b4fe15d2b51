package io.sivistream.app.cli;

import io.sivistream.core.data.CsvDatasets;
import io.sivistream.core.mcmc.HmcConfig;
import io.sivistream.core.mcmc.HmcResult;
import io.sivistream.core.mcmc.Nuts;
import io.sivistream.core.summary.DrawSummary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sivistream hmc}: reference posterior by the No-U-Turn sampler, to validate SIVI-SM fits
 * against. Prints the summary with R-hat and ESS and warns when the chains have not mixed.
 */
@Command(name = "hmc", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = {"Sample a reference posterior with HMC (NUTS), write draws and print a summary table",
        "with R-hat and effective sample size. Progress goes to stderr, the table to stdout."},
    footer = {"", "Example:",
        "  sivistream hmc --spec logistic.yaml --data waveform_train.csv --draws-out hmc.csv --chains 4"})
final class HmcCommand implements Callable<Integer> {

  /** R-hat above this means the chains disagree (Vehtari et al. 2021). */
  static final double RHAT_LIMIT = 1.01;

  @Spec
  CommandSpec spec;

  @Option(names = "--spec", required = true, paramLabel = "S.yaml", description = "Model spec (YAML).")
  Path specFile;

  @Option(names = "--data", paramLabel = "F.csv", description = "Data (CSV with a header row); models such as"
      + " banana need none.")
  Path dataFile;

  @Option(names = "--draws-out", required = true, paramLabel = "D.csv", description = "Where to write the draws"
      + " of all chains (CSV).")
  Path drawsOut;

  @Option(names = "--draws", paramLabel = "N", defaultValue = "4000", description = "Draws in total over all"
      + " chains, rounded up to a multiple of --chains (default: ${DEFAULT-VALUE}).")
  int draws;

  @Option(names = "--chains", paramLabel = "N", defaultValue = "4", description = "Independent chains"
      + " (default: ${DEFAULT-VALUE}).")
  int chains;

  @Option(names = "--warmup", paramLabel = "N", defaultValue = "1000", description = "Adaptation iterations per"
      + " chain, not kept (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--summary-out", paramLabel = "J.json", description = "Also write the summary as JSON.")
  Path summaryOut;

  @Override
  public Integer call() {
    requireAtLeast("--draws", draws, 1);
    requireAtLeast("--chains", chains, 1);
    requireAtLeast("--warmup", warmup, 0);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ModelSetup setup = ModelSetup.load(specFile, dataFile);
    OutputFiles.prepare("--draws-out", drawsOut);
    OutputFiles.prepare("--summary-out", summaryOut);

    int perChain = (draws + chains - 1) / chains;
    HmcConfig config;
    try {
      HmcConfig d = HmcConfig.DEFAULT;
      config = new HmcConfig(chains, warmup, perChain * chains, seed, d.maxTreeDepth(), d.targetAccept());
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), e);
    }
    err.printf(Locale.ROOT, "hmc: %s with NUTS, %d chains x (%d warmup + %d draws), seed %d%n", setup.describe(),
        chains, warmup, perChain, seed);
    err.flush();
    ProgressReporter progress = new ProgressReporter(err, "hmc", Main.stderrIsTerminal());
    HmcResult result;
    try {
      result = Nuts.sample(setup.target(), config, progress);
    } finally {
      progress.finish();
    }

    // on the reported scale (R-hat and ESS stay those of the sampled scale, parameter by parameter)
    List<String> names = setup.target().drawNames();
    double[][] reported = setup.target().toDraws(result.draws());
    CsvDatasets.writeDraws(drawsOut, names, reported);
    DrawSummary summary = DrawSummary.of(names, reported);
    out.print(SummaryTables.withDiagnostics(summary, result.rhat(), result.ess()));
    out.flush();
    if (summaryOut != null) {
      SummaryJson.write(summaryOut, facts(setup, config, result), summary, result.rhat(), result.ess());
    }
    err.printf(Locale.ROOT, "hmc: %d draws in %.1f s, step sizes %s, %d divergences; wrote %s%n",
        result.draws().length, result.seconds(), stepSizes(result.stepSizes()), result.divergences(), drawsOut);
    warnings(err, result);
    err.flush();
    return 0;
  }

  private void requireAtLeast(String option, int value, int min) {
    if (value < min) {
      throw new ParameterException(spec.commandLine(), option + " must be >= " + min + ", got " + value);
    }
  }

  static void warnings(PrintWriter err, HmcResult r) {
    List<String> bad = new ArrayList<>();
    for (int j = 0; j < r.rhat().length; j++) {
      if (!(r.rhat()[j] <= RHAT_LIMIT)) {
        bad.add(String.format(Locale.ROOT, "%s (%.3f)", r.names().get(j), r.rhat()[j]));
      }
    }
    if (!bad.isEmpty()) {
      err.println("warning: R-hat > " + RHAT_LIMIT + " for " + String.join(", ", bad)
          + ": the chains disagree; rerun with more --warmup and --draws");
    }
    if (r.divergences() > 0) {
      err.println("warning: " + r.divergences() + " divergent transitions; the draws may be biased"
          + " (reparametrise or check the prior)");
    }
  }

  private static String stepSizes(double[] s) {
    List<String> parts = new ArrayList<>();
    for (double v : s) {
      parts.add(String.format(Locale.ROOT, "%.3g", v));
    }
    return String.join(" ", parts);
  }

  private Map<String, Object> facts(ModelSetup setup, HmcConfig config, HmcResult result) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("command", "hmc");
    f.put("model", setup.spec().model());
    f.put("spec", specFile.toString());
    f.put("data", dataFile == null ? null : dataFile.toString());
    f.put("draws", result.draws().length);
    f.put("drawsFile", drawsOut.toString());
    f.put("chains", config.chains());
    f.put("warmup", config.warmup());
    f.put("seed", config.seed());
    f.put("divergences", result.divergences());
    f.put("stepSizes", result.stepSizes());
    f.put("seconds", result.seconds());
    return f;
  }
}
