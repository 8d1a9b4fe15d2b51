package io.sivistream.core.spec;

import io.sivistream.core.critic.CriticConfig;
import io.sivistream.core.family.FamilyConfig;
import io.sivistream.core.train.TrainConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A model specification, the YAML file a user writes. Every block except {@code model} is optional
 * and every omitted field keeps its default:
 *
 * <pre>{@code
 * model: logistic-regression
 * label: y
 * features: [intercept, x1, x2]   # default: every column but the label
 * prior: {sd: 10}                 # or {sds: [10, 2, 2]}, one per parameter
 * noise: {sd: 0.5}                # linear-regression only
 * family: {latentDim: 10, hidden: [100, 100], conditionalSigma: false}
 * critic: {hidden: [256, 256]}
 * train: {iterations: 20000, batch: 100, dataBatch: 400, seed: 1}
 * stream: {mode: recursive, forgetting: 1.0, windowRows: 250, iterationsPerWindow: 500}
 * }</pre>
 *
 * <p>Or, instead of {@code model}, {@code label}, {@code features}, {@code prior} and {@code noise},
 * a model as a formula in brms' vocabulary ({@link FormulaSpec}; docs/models.md):
 *
 * <pre>{@code
 * formula: "y ~ 1 + x1 + (1 | store)"
 * likelihood: gaussian
 * priors: {b: "normal(0, 2.5)", sigma: "exponential(1)"}
 * }</pre>
 *
 * <p>Usage: {@code ModelSpec spec = ModelSpec.load(Path.of("spec.yaml"));} Mistakes are reported as
 * {@link SpecException}s that name the file, the key and the allowed values.
 *
 * @param model model name (see {@code io.sivistream.core.target.Models.KNOWN}); not checked here
 * @param label name of the label column, or null when not given (models without data need none)
 * @param features names of the feature columns in order, or null for "every column but the label"
 * @param prior prior on the parameters
 * @param noise known noise of linear regression (required there: left out it is an error, not a silent 1.0)
 * @param family semi-implicit family shape
 * @param critic critic shape
 * @param train optimisation settings
 * @param stream streaming update settings
 * @param formula the model as a formula, or null for a named model; with one, model is {@value #FORMULA_MODEL}
 */
public record ModelSpec(String model, String label, List<String> features, PriorSpec prior, NoiseSpec noise,
    FamilyConfig family, CriticConfig critic, TrainConfig train, StreamSpec stream, FormulaSpec formula) {

  /** The model name of a spec that gives a formula instead of a model name. */
  public static final String FORMULA_MODEL = "formula";

  /** A named model's spec (no formula). */
  public ModelSpec(String model, String label, List<String> features, PriorSpec prior, NoiseSpec noise,
      FamilyConfig family, CriticConfig critic, TrainConfig train, StreamSpec stream) {
    this(model, label, features, prior, noise, family, critic, train, stream, null);
  }

  public ModelSpec {
    if (formula != null && model == null) {
      model = FORMULA_MODEL;
    }
    if (formula != null && !FORMULA_MODEL.equals(model)) {
      throw new IllegalArgumentException("give either model (a named model such as '" + model + "') or formula, not both");
    }
    if (formula == null && FORMULA_MODEL.equals(model)) {
      throw new IllegalArgumentException("model '" + FORMULA_MODEL + "' needs a formula, e.g. 'formula: y ~ x1 + x2'");
    }
    if (model == null || model.isBlank()) {
      throw new IllegalArgumentException("model must be a model name such as logistic-regression, got '" + model + "'");
    }
    if (label != null && label.isBlank()) {
      throw new IllegalArgumentException("label must be a column name, got an empty name");
    }
    if (features != null) {
      features = List.copyOf(features);
      if (features.isEmpty()) {
        throw new IllegalArgumentException("features must list at least one column (or be left out for all columns)");
      }
      Set<String> seen = new HashSet<>();
      for (String f : features) {
        if (!seen.add(f)) {
          throw new IllegalArgumentException("features lists column '" + f + "' twice");
        }
      }
      if (label != null && seen.contains(label)) {
        throw new IllegalArgumentException("features must not contain the label column '" + label + "'");
      }
    }
    prior = prior == null ? PriorSpec.DEFAULT : prior;
    noise = noise == null ? NoiseSpec.DEFAULT : noise;
    if ("linear-regression".equals(model) && !noise.given()) {
      throw new IllegalArgumentException("linear-regression needs noise.sd, the known noise sd of the label (e.g."
          + " 'noise: {sd: 0.5}'); for an unknown noise sd write the model as a formula instead:"
          + " 'formula: y ~ x1 + x2' with 'likelihood: gaussian' (docs/models.md)");
    }
    family = family == null ? FamilyConfig.DEFAULT : family;
    critic = critic == null ? CriticConfig.DEFAULT : critic;
    train = train == null ? TrainConfig.DEFAULT : train;
    stream = stream == null ? StreamSpec.DEFAULT : stream;
  }

  /** A spec with every block at its default. */
  public static ModelSpec of(String model, String label) {
    return new ModelSpec(model, label, null, null, null, null, null, null, null, null);
  }

  /**
   * Parses a YAML spec.
   *
   * @param yaml the spec text
   * @param sourceName where it came from (a file name), used to prefix error messages
   * @throws SpecException on a YAML syntax error, an unknown key, a wrong type or an invalid value
   */
  public static ModelSpec parse(String yaml, String sourceName) {
    return new SpecReader(sourceName).read(yaml);
  }

  /**
   * Reads and parses a YAML spec file.
   *
   * @throws SpecException when the file is missing or unreadable, or the spec is invalid
   */
  public static ModelSpec load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new SpecException(file + ": no such file");
    } catch (IOException e) {
      String why = Files.isDirectory(file) ? "is a directory, not a spec file" : "cannot read: " + e.getMessage();
      throw new SpecException(file + ": " + why, e);
    }
    return parse(text, file.toString());
  }

  /**
   * A short hash of the resolved spec (the first 16 hex digits of the SHA-256 of {@link #toYaml}):
   * two specs that resolve to the same settings share it however they were written (defaults
   * left out or spelt out, keys in any order), and any change of a setting changes it. Published
   * with every posterior summary as its provenance.
   */
  public String hash() {
    try {
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
          .digest(toYaml().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(digest, 0, 8);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK provides SHA-256", e);
    }
  }

  /** This spec as YAML with every field written out; {@code parse(toYaml(), s)} equals this spec. */
  public String toYaml() {
    return SpecWriter.write(this);
  }

  /** A copy with another training configuration (e.g. iterations or seed from the command line). */
  public ModelSpec withTrain(TrainConfig newTrain) {
    return new ModelSpec(model, label, features, prior, noise, family, critic, newTrain, stream, formula);
  }
}
