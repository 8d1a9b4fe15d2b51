package io.sivistream.app.cli;

import io.sivistream.core.data.CsvDatasets;
import io.sivistream.core.data.Dataset;
import io.sivistream.core.data.Table;
import io.sivistream.core.spec.ModelSpec;
import io.sivistream.core.target.FormulaTarget;
import io.sivistream.core.target.Models;
import io.sivistream.core.target.Target;
import java.nio.file.Path;

/**
 * What {@code fit} and {@code hmc} share: the spec, its data and the target built from them, with
 * every user mistake turned into a one-line message naming the file.
 *
 * @param spec the parsed spec
 * @param data the rows of a named regression model, or null for models without data (banana, ...) and formula models
 * @param table the rows of a formula model, or null
 * @param target the log density to fit or sample
 */
record ModelSetup(ModelSpec spec, Dataset data, Table table, Target target) {

  /**
   * Loads the spec, checks the model name, reads the data (when given) and builds the target.
   * Checks run in that order so that a wrong spec or a wrong file is reported before any model code runs.
   *
   * @param specFile the YAML spec
   * @param dataFile the CSV data, or null
   * @throws UserError, SpecException or DataException on any user mistake
   */
  static ModelSetup load(Path specFile, Path dataFile) {
    ModelSpec spec = ModelSpec.load(specFile);
    if (spec.formula() != null) {
      return loadFormula(spec, specFile, dataFile);
    }
    requireKnownModel(spec, specFile);
    String model = spec.model();
    Dataset data = null;
    if (dataFile != null) {
      if (spec.label() == null) {
        if (!Models.needsData(model)) {
          throw new UserError("model '" + model + "' takes no data; leave out --data");
        }
        throw new UserError(specFile + ": no 'label:' given; name the label column of " + dataFile + ", e.g. 'label: y'");
      }
      data = CsvDatasets.read(dataFile, spec.label(), spec.features());
    }
    boolean needsData = Models.needsData(model);
    if (needsData && data == null) {
      throw new UserError("model '" + model + "' is fitted to data; pass --data FILE.csv");
    }
    if (!needsData && data != null) {
      throw new UserError("model '" + model + "' takes no data; leave out --data");
    }
    Target target;
    try {
      target = Models.build(model, data, spec.prior().toArray(), spec.noise().sd());
    } catch (IllegalArgumentException e) {
      throw new UserError(specFile + ": " + e.getMessage(), e);
    }
    return new ModelSetup(spec, data, null, target);
  }

  /** A formula model: the CSV file as a table, the formula's columns picked from it. */
  private static ModelSetup loadFormula(ModelSpec spec, Path specFile, Path dataFile) {
    if (dataFile == null) {
      throw new UserError("the formula model of " + specFile + " is fitted to data; pass --data FILE.csv");
    }
    Table table = Table.read(dataFile);
    Target target;
    try {
      target = FormulaTarget.of(spec.formula(), table);
    } catch (IllegalArgumentException e) {
      throw new UserError(specFile + ": " + e.getMessage(), e);
    }
    return new ModelSetup(spec, null, table, target);
  }

  /** A spec naming a model this build does not have is a {@link UserError} listing the known ones. */
  static void requireKnownModel(ModelSpec spec, Path specFile) {
    if (spec.formula() != null) {
      throw new UserError(specFile + ": a formula model is fitted with 'fit' and 'hmc' only so far; the Flink job and"
          + " the serving app take the named models " + String.join(", ", Models.KNOWN.subList(0, 3))
          + " (streaming formula models is a later step of issue 13)");
    }
    if (!Models.KNOWN.contains(spec.model())) {
      throw new UserError(specFile + ": unknown model '" + spec.model() + "'; known: "
          + String.join(", ", Models.KNOWN));
    }
  }

  /** "banana (d = 2)" or "logistic-regression (d = 22, 400 rows of waveform.csv)", for messages. */
  String describe() {
    if (table != null) {
      return "'" + spec.formula().formula() + "', " + spec.formula().likelihood() + " (d = " + target.dim() + ", "
          + table.rows() + " rows of " + table.source() + ")";
    }
    String rows = data == null ? "" : ", " + data.rows() + " rows of " + data.source();
    return spec.model() + " (d = " + target.dim() + rows + ")";
  }
}
