package io.sivistream.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sivistream.core.critic.CriticConfig;
import io.sivistream.core.family.FamilyConfig;
import io.sivistream.core.train.FamilyGradient;
import io.sivistream.core.train.TrainConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelSpecTest {

  private static ModelSpec parse(String yaml) {
    return ModelSpec.parse(yaml, "spec.yaml");
  }

  private static String error(String yaml) {
    try {
      parse(yaml);
    } catch (SpecException e) {
      return e.getMessage();
    }
    throw new AssertionError("expected a SpecException for:\n" + yaml);
  }

  @Test
  void hashIsOfTheResolvedSpec() {
    ModelSpec terse = parse("model: banana\n");
    ModelSpec spelled = parse(terse.toYaml());
    assertThat(terse.hash()).matches("[0-9a-f]{16}").isEqualTo(spelled.hash());
    // SHA-256 of the canonical YAML, computed here independently of ModelSpec.hash
    String expected = sha256Prefix(terse.toYaml());
    assertThat(terse.hash()).isEqualTo(expected);
    assertThat(parse("model: banana\ntrain:\n  seed: 2\n").hash()).isNotEqualTo(terse.hash());
  }

  private static String sha256Prefix(String text) {
    try {
      byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < 8; i++) {
        b.append(String.format("%02x", d[i] & 0xff));
      }
      return b.toString();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void onlyModelGivesAllDefaults() {
    ModelSpec s = parse("model: banana\n");
    assertThat(s.model()).isEqualTo("banana");
    assertThat(s.label()).isNull();
    assertThat(s.features()).isNull();
    assertThat(s.prior()).isEqualTo(PriorSpec.DEFAULT);
    assertThat(s.prior().toArray()).containsExactly(10.0);
    assertThat(s.noise()).isEqualTo(NoiseSpec.DEFAULT);
    assertThat(s.family()).isEqualTo(FamilyConfig.DEFAULT);
    assertThat(s.critic()).isEqualTo(CriticConfig.DEFAULT);
    assertThat(s.train()).isEqualTo(TrainConfig.DEFAULT);
    assertThat(s.stream()).isEqualTo(new StreamSpec(StreamSpec.Mode.RECURSIVE, 1.0, 250, 0, 200, 3,
        StreamSpec.PriorKind.AUTO));
  }

  @Test
  void designDocumentExampleParses() {
    ModelSpec s = parse("""
        model: logistic-regression     # comment
        label: y
        features: [intercept, x1, x2]
        prior: {sd: 10}
        noise: {sd: 0.5}
        family: {latentDim: 10, hidden: [100, 100], conditionalSigma: true}
        critic: {hidden: [256, 128]}
        train: {iterations: 20000, batch: 100, dataBatch: 400, seed: 1}
        stream: {mode: sliding, forgetting: 0.9, windowRows: 100, windowSeconds: 2.5, iterationsPerWindow: 300,
                 slidingWindows: 4, prior: semi-implicit, retainRowsPerParameter: 0}
        """);
    assertThat(s.model()).isEqualTo("logistic-regression");
    assertThat(s.label()).isEqualTo("y");
    assertThat(s.features()).containsExactly("intercept", "x1", "x2");
    assertThat(s.prior().sd()).isEqualTo(10.0);
    assertThat(s.noise().sd()).isEqualTo(0.5);
    assertThat(s.family()).isEqualTo(new FamilyConfig(10, List.of(100, 100), true, 0.5));
    assertThat(s.critic().hidden()).containsExactly(256, 128);
    assertThat(s.train()).isEqualTo(TrainConfig.DEFAULT.withIterations(20000));
    assertThat(s.stream()).isEqualTo(new StreamSpec(StreamSpec.Mode.SLIDING, 0.9, 100, 2.5, 300, 4,
        StreamSpec.PriorKind.SEMI_IMPLICIT, 0));
  }

  @Test
  void omittedFieldsOfABlockKeepTheirDefaults() {
    ModelSpec s = parse("""
        model: banana
        train:
          iterations: 300
          familyLr: 1e-4
          seed: 12345678901
        family: {hidden: [50]}
        """);
    TrainConfig d = TrainConfig.DEFAULT;
    assertThat(s.train()).isEqualTo(new TrainConfig(300, d.batch(), d.dataBatch(), 12345678901L, 1e-4, d.criticLr(),
        d.lrDecayEvery(), d.lrDecayFactor(), d.scoreShift(), d.scoreShiftIterations(), d.annealIterations(),
        d.timeBudgetSeconds(), d.gaussianBaseline()));
    assertThat(s.family()).isEqualTo(new FamilyConfig(0, List.of(50), false, 0.5));
  }

  @Test
  void emptyBlockMeansDefaults() {
    assertThat(parse("model: banana\ntrain:\nstream:\n").train()).isEqualTo(TrainConfig.DEFAULT);
  }

  @Test
  void perParameterPriorSds() {
    ModelSpec s = parse("model: linear-regression\nlabel: y\nprior: {sds: [10, 2, 0.5]}\nnoise: {sd: 1}\n");
    assertThat(s.prior().perParameter()).isTrue();
    assertThat(s.prior().toArray()).containsExactly(10, 2, 0.5);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "modle: banana|unknown key 'modle' at the top level; valid keys: model, label, features, prior, noise, formula,"
          + " likelihood, priors, levels, family, critic, train, stream",
      "prior: {sd: 1, mean: 0}|unknown key 'mean' in prior; valid keys: sd, sds",
      "noise: {sigma: 1}|unknown key 'sigma' in noise; valid keys: sd",
      "family: {latent: 3}|unknown key 'latent' in family; valid keys: latentDim, hidden, conditionalSigma,"
          + " initialSigma, activation",
      "critic: {width: 3}|unknown key 'width' in critic; valid keys: hidden, activation",
      "train: {itertions: 3}|unknown key 'itertions' in train; valid keys: iterations, batch, dataBatch, seed,"
          + " familyLr, criticLr, lrDecayEvery, lrDecayFactor, scoreShift, scoreShiftIterations, annealIterations,"
          + " timeBudgetSeconds, gaussianBaseline, familyGradient",
      "stream: {window: 3}|unknown key 'window' in stream; valid keys: mode, forgetting, windowRows, windowSeconds,"
          + " iterationsPerWindow, slidingWindows, prior, retainRowsPerParameter",
  })
  void unknownKeyAtEachLevelListsTheValidKeys(String line, String message) {
    assertThat(error("model: banana\n" + line + "\n")).isEqualTo("spec.yaml: " + message);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "train: {iterations: abc}|train.iterations must be an integer, got 'abc'",
      "train: {iterations: 2.5}|train.iterations must be an integer, got 2.5",
      "train: {seed: [1]}|train.seed must be an integer, got a list [1]",
      "train: {familyLr: fast}|train.familyLr must be a number, got 'fast'",
      "family: {conditionalSigma: 1}|family.conditionalSigma must be true or false, got 1",
      "family: {hidden: 100}|family.hidden must be a list of integers, e.g. [100, 100], got 100",
      "critic: {hidden: [a, b]}|critic.hidden must be a list of integers, e.g. [100, 100], got a list [\"a\",\"b\"]",
      "features: x1|features must be a list of names, e.g. [intercept, x1], got 'x1'",
      "prior: {sds: 3}|prior.sds must be a list of numbers, e.g. [10, 2.5], got 3",
      "prior: 10|prior must be a mapping of keys to values, got 10",
      "train: [1, 2]|train must be a mapping of keys to values, got a list [1,2]",
      "label: {name: y}|label must be a text value, got a mapping {name}",
      "train: {iterations: }|train.iterations has no value; give one or leave the key out for the default",
  })
  void wrongTypeNamesKeyAndExpectedType(String line, String message) {
    assertThat(error("model: banana\n" + line + "\n")).isEqualTo("spec.yaml: " + message);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "train: {iterations: 0}|train.iterations must be >= 1, got 0",
      "prior: {sd: -1}|prior.sd must be > 0 and finite, got -1.0",
      "prior: {sds: [1, 0]}|prior.sds must all be > 0 and finite, got [1.0, 0.0]",
      "prior: {sd: 1, sds: [1]}|prior: give either sd (one for all parameters) or sds (one per parameter), not both",
      "noise: {sd: 0}|noise.sd must be > 0 and finite, got 0.0",
      "stream: {mode: tumbling}|stream.mode must be one of recursive, sliding, got 'tumbling'",
      "train: {familyGradient: kl}|train.familyGradient must be one of auto, fisher, transport, got 'kl'",
      "stream: {prior: kde}|stream.prior must be one of auto, mixture, gaussian, dsm, laplace, semi-implicit, got 'kde'",
      "stream: {retainRowsPerParameter: -1}|stream.retainRowsPerParameter must be >= 0 (0 = keep no rows), got -1",
      "stream: {forgetting: 1.5}|stream.forgetting must be in (0, 1], got 1.5",
      "stream: {forgetting: 0}|stream.forgetting must be in (0, 1], got 0.0",
      "stream: {windowRows: 0}|stream: windowRows and windowSeconds are both 0, so a window would never close;"
          + " set one of them > 0",
      "stream: {slidingWindows: 0}|stream.slidingWindows must be >= 1, got 0",
      "stream: {iterationsPerWindow: 0}|stream.iterationsPerWindow must be >= 1, got 0",
      "features: [x1, x1]|features lists column 'x1' twice",
      "features: []|features must list at least one column (or be left out for all columns)",
  })
  void invalidValuesAreReportedWithTheSource(String line, String message) {
    assertThat(error("model: banana\nlabel: y\n" + line + "\n")).isEqualTo("spec.yaml: " + message);
  }

  @Test
  void labelCannotBeAFeature() {
    assertThat(error("model: logistic-regression\nlabel: y\nfeatures: [x1, y]\n"))
        .isEqualTo("spec.yaml: features must not contain the label column 'y'");
  }

  @Test
  void missingModelEmptySpecAndBadYaml() {
    assertThat(error("label: y\n"))
        .isEqualTo("spec.yaml: missing key 'model' (the model to fit, e.g. 'model: logistic-regression'), or 'formula'"
            + " (e.g. 'formula: y ~ x1 + x2')");
    assertThat(error("")).startsWith("spec.yaml: the spec is empty");
    assertThat(error("# only a comment\n")).startsWith("spec.yaml: the spec is empty");
    assertThat(error("- banana\n")).isEqualTo("spec.yaml: a spec must be a mapping of keys to values, got a list [\"banana\"]");
    assertThat(error("model: banana\ntrain: {iterations: 3\n"))
        .isEqualTo("spec.yaml line 3: not valid YAML: expected ',' or '}', but got <stream end>"
            + " (while parsing a flow mapping)");
    assertThat(error("model: banana\n\tlabel: y\n")).startsWith("spec.yaml line 2: not valid YAML: found character")
        .contains("TAB");
    assertThat(error("model: banana\nmodel: x-shaped\n")).contains("not valid YAML").contains("model");
  }

  @Test
  void yamlErrorsAreOneLine() {
    assertThat(error("model: banana\n  label: y\n")).doesNotContain("\n");
  }

  @Test
  void toYamlRoundTripsDefaultsAndOverrides() {
    ModelSpec defaults = parse("model: banana\n");
    assertThat(parse(defaults.toYaml())).isEqualTo(defaults);

    ModelSpec full = new ModelSpec("logistic-regression", "y", List.of("intercept", "x1"),
        new PriorSpec(10, List.of(3.0, 1e-4)), new NoiseSpec(0.25), new FamilyConfig(7, List.of(33, 44), true, 0.125),
        new CriticConfig(List.of(64)),
        new TrainConfig(1234, 50, 0, 99L, 2.5e-4, 1e-5, 0, 1.0, 0, 0, 17, 12.5, false, FamilyGradient.TRANSPORT),
        new StreamSpec(StreamSpec.Mode.SLIDING, 0.75, 0, 1.5, 42, 5, StreamSpec.PriorKind.GAUSSIAN));
    String yaml = full.toYaml();
    assertThat(parse(yaml)).isEqualTo(full);
    assertThat(yaml).startsWith("model: logistic-regression\n").contains("mode: sliding");
  }

  @Test
  void loadNamesTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("s.yaml");
    Files.writeString(file, "model: banana\ntrain: {itertions: 3}\n");
    assertThatThrownBy(() -> ModelSpec.load(file)).isInstanceOf(SpecException.class)
        .hasMessageStartingWith(file + ": unknown key 'itertions' in train");
    assertThatThrownBy(() -> ModelSpec.load(dir.resolve("nope.yaml"))).isInstanceOf(SpecException.class)
        .hasMessage(dir.resolve("nope.yaml") + ": no such file");
    assertThatThrownBy(() -> ModelSpec.load(dir)).isInstanceOf(SpecException.class)
        .hasMessage(dir + ": is a directory, not a spec file");
    Files.writeString(file, "model: banana\n");
    assertThat(ModelSpec.load(file).model()).isEqualTo("banana");
  }

  @Test
  void withTrainReplacesOnlyTrain() {
    ModelSpec s = parse("model: banana\nlabel: y\n");
    ModelSpec t = s.withTrain(TrainConfig.DEFAULT.withSeed(7));
    assertThat(t.train().seed()).isEqualTo(7);
    assertThat(t.withTrain(TrainConfig.DEFAULT)).isEqualTo(s);
  }
}
