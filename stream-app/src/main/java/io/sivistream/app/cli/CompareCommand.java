package io.sivistream.app.cli;

import io.sivistream.core.data.CsvDatasets;
import io.sivistream.core.data.Draws;
import io.sivistream.core.eval.Discrepancy;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sivistream compare}: how far a draws file is from a reference draws file (e.g. from hmc). */
@Command(name = "compare", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = {"Compare draws with reference draws (for example a long hmc run): energy distance on coordinates"
        + " standardised by the reference sd, max |mean error| / sd, max |log sd ratio|, max correlation error."},
    footer = {"", "Example:", "  sivistream compare --draws fit.csv --reference hmc.csv"})
final class CompareCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--draws", required = true, paramLabel = "D.csv", description = "Draws to check.")
  Path drawsFile;

  @Option(names = "--reference", required = true, paramLabel = "R.csv", description = "Reference draws, same columns.")
  Path referenceFile;

  @Override
  public Integer call() {
    Draws draws = CsvDatasets.readDraws(drawsFile);
    Draws reference = CsvDatasets.readDraws(referenceFile);
    if (!draws.names().equals(reference.names())) {
      throw new UserError(drawsFile + " has columns " + draws.names() + " but " + referenceFile + " has "
          + reference.names() + "; compare draws of the same parameters");
    }
    Discrepancy d = Discrepancy.compare(draws.draws(), reference.draws());
    spec.commandLine().getOut().println(d);
    spec.commandLine().getOut().flush();
    return 0;
  }
}
