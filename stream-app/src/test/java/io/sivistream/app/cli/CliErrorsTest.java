package io.sivistream.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input gives exit status 2 and exactly one line on stderr, with nothing on stdout. These
 * checks all fail before any model code runs, so they hold with or without the engine.
 */
class CliErrorsTest {

  @TempDir
  Path dir;

  private Path file(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  private Path logisticSpec() throws Exception {
    return file("spec.yaml", "model: logistic-regression\nlabel: y\ntrain: {iterations: 10}\n");
  }

  private static void assertUserError(Cli r, String message) {
    assertThat(r.status()).as(r.toString()).isEqualTo(2);
    assertThat(r.errLines()).as(r.toString()).containsExactly("sivistream: " + message);
    assertThat(r.out()).isEmpty();
  }

  private Cli fit(Path spec, Path data) {
    return Cli.run("fit", "--spec", spec.toString(), "--data", data.toString(), "--draws-out",
        dir.resolve("draws.csv").toString());
  }

  @Test
  void missingSpecFile() {
    Path spec = dir.resolve("nope.yaml");
    assertUserError(Cli.run("fit", "--spec", spec.toString(), "--draws-out", "d.csv"), spec + ": no such file");
    assertUserError(Cli.run("hmc", "--spec", spec.toString(), "--draws-out", "d.csv"), spec + ": no such file");
  }

  @Test
  void missingDataFile() throws Exception {
    Path data = dir.resolve("nope.csv");
    assertUserError(fit(logisticSpec(), data), data + ": no such file");
  }

  @Test
  void unknownModel() throws Exception {
    Path spec = file("spec.yaml", "model: logistc-regression\nlabel: y\n");
    Cli r = fit(spec, file("d.csv", "x,y\n1,0\n"));
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.errLines()[0]).startsWith("sivistream: " + spec + ": unknown model 'logistc-regression'; known: ")
        .contains("logistic-regression").contains("banana");
  }

  @Test
  void unknownSpecKey() throws Exception {
    Path spec = file("spec.yaml", "model: banana\ntrain: {itertions: 300}\n");
    assertUserError(Cli.run("fit", "--spec", spec.toString(), "--draws-out", "d.csv"),
        spec + ": unknown key 'itertions' in train; valid keys: iterations, batch, dataBatch, seed, familyLr,"
            + " criticLr, lrDecayEvery, lrDecayFactor, scoreShift, scoreShiftIterations, annealIterations,"
            + " timeBudgetSeconds, gaussianBaseline, familyGradient");
  }

  @Test
  void wrongTypeInSpec() throws Exception {
    Path spec = file("spec.yaml", "model: banana\ntrain: {iterations: lots}\n");
    assertUserError(Cli.run("fit", "--spec", spec.toString(), "--draws-out", "d.csv"),
        spec + ": train.iterations must be an integer, got 'lots'");
  }

  @Test
  void invalidYaml() throws Exception {
    Path spec = file("spec.yaml", "model: banana\ntrain: {iterations: 3\n");
    Cli r = Cli.run("fit", "--spec", spec.toString(), "--draws-out", "d.csv");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.errLines()[0]).startsWith("sivistream: " + spec + " line ").contains("not valid YAML");
  }

  @Test
  void nonNumericCell() throws Exception {
    Path data = file("d.csv", "x1,x2,y\n1,2,0\n1,abc,1\n");
    assertUserError(fit(logisticSpec(), data), data + " line 3, column x2: 'abc' is not a number");
  }

  @Test
  void nanCell() throws Exception {
    Path data = file("d.csv", "x1,x2,y\n1,NaN,0\n");
    assertUserError(fit(logisticSpec(), data),
        data + " line 2, column x2: 'NaN' is not a finite number (NaN and infinities are not allowed)");
  }

  @Test
  void missingLabelColumn() throws Exception {
    Path data = file("d.csv", "x1,x2,z\n1,2,0\n");
    assertUserError(fit(logisticSpec(), data), data + ": no label column 'y'; columns are: x1, x2, z");
  }

  @Test
  void featureColumnThatDoesNotExist() throws Exception {
    Path spec = file("spec.yaml", "model: logistic-regression\nlabel: y\nfeatures: [x1, x3]\n");
    Path data = file("d.csv", "x1,x2,y\n1,2,0\n");
    assertUserError(fit(spec, data), data + ": no feature column 'x3'; columns are: x1, x2, y");
  }

  @Test
  void wrongNumberOfCells() throws Exception {
    Path data = file("d.csv", "x1,x2,y\n1,2,0\n1,2\n");
    assertUserError(fit(logisticSpec(), data), data + " line 3: 2 cells, but the header has 3 columns");
  }

  @Test
  void picocliParameterErrorsAreOneLine() throws Exception {
    assertUserError(Cli.run("fit", "--spec", "s.yaml"),
        "Missing required option: '--draws-out=D.csv' (see 'sivistream fit --help')");
    assertUserError(Cli.run("fit", "--spec", "s.yaml", "--draws-out", "d.csv", "--draws", "many"),
        "Invalid value for option '--draws': 'many' is not an int (see 'sivistream fit --help')");
    Cli r = Cli.run("fit", "--spec", "s.yaml", "--draws-out", "d.csv", "--draw", "5");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.errLines()[0]).startsWith("sivistream: Unknown options: '--draw', '5'").contains("did you mean");
    assertUserError(Cli.run("fitt"), "Unmatched argument at index 0: 'fitt'; did you mean fit? (see 'sivistream --help')");
  }

  @Test
  void optionValuesAreChecked() throws Exception {
    Path spec = file("spec.yaml", "model: banana\n");
    assertUserError(Cli.run("fit", "--spec", spec.toString(), "--draws-out", "d.csv", "--draws", "0"),
        "--draws must be >= 1, got 0 (see 'sivistream fit --help')");
    assertUserError(Cli.run("fit", "--spec", spec.toString(), "--draws-out", "d.csv", "--iterations", "0"),
        "--iterations must be >= 1, got 0 (see 'sivistream fit --help')");
    assertUserError(Cli.run("hmc", "--spec", spec.toString(), "--draws-out", "d.csv", "--chains", "0"),
        "--chains must be >= 1, got 0 (see 'sivistream hmc --help')");
  }

  @Test
  void debugPrintsTheStackTraceOfAUserError() throws Exception {
    Path spec = dir.resolve("nope.yaml");
    Cli r = Cli.run("fit", "--debug", "--spec", spec.toString(), "--draws-out", "d.csv");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.errLines()[0]).isEqualTo("sivistream: " + spec + ": no such file");
    assertThat(r.err()).contains("SpecException").contains("at io.sivistream");
  }
}
