package io.sivistream.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sivistream.core.data.CsvDatasets;
import io.sivistream.core.data.Draws;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fit} and {@code hmc} on a formula spec (issue 13): brms names, natural scale, one-line mistakes. */
class FitFormulaCommandTest {

  @TempDir
  Path dir;

  private Path data() throws Exception {
    Path csv = dir.resolve("d.csv");
    StringBuilder b = new StringBuilder("y,x,store\n");
    java.util.Random r = new java.util.Random(5);
    for (int i = 0; i < 40; i++) {
      double x = r.nextGaussian();
      String store = i % 3 == 0 ? "A" : i % 3 == 1 ? "B" : "C";
      b.append(1 + 2 * x + (store.equals("B") ? 1 : 0) + 0.5 * r.nextGaussian()).append(',').append(x).append(',')
          .append(store).append('\n');
    }
    Files.writeString(csv, b);
    return csv;
  }

  @Test
  void fitsAGaussianWithUnknownSigmaAndWritesBrmsNames() throws Exception {
    Path spec = dir.resolve("s.yaml");
    Files.writeString(spec, "formula: \"y ~ x + store\"\nlikelihood: gaussian\npriors: {b: \"normal(0, 5)\"}\n");
    Path draws = dir.resolve("draws.csv");
    Cli r = Cli.run("fit", "--spec", spec.toString(), "--data", data().toString(), "--draws-out", draws.toString(),
        "--draws", "300", "--iterations", "300");
    assertThat(r.status()).as(r.toString()).isZero();
    Draws d = CsvDatasets.readDraws(draws);
    assertThat(d.names()).containsExactly("b_Intercept", "b_x", "b_storeB", "b_storeC", "sigma");
    assertThat(r.err()).contains("fit: 'y ~ x + store', gaussian (d = 5, 40 rows of");
    for (double[] draw : d.draws()) {
      assertThat(draw[4]).as("sigma on the natural scale").isPositive();
    }
    Path nuts = dir.resolve("nuts.csv");
    Cli h = Cli.run("hmc", "--spec", spec.toString(), "--data", data().toString(), "--draws-out", nuts.toString(),
        "--draws", "400", "--warmup", "200");
    assertThat(h.status()).as(h.toString()).isZero();
    assertThat(CsvDatasets.readDraws(nuts).names()).isEqualTo(d.names());
  }

  @Test
  void mistakesAreOneLine() throws Exception {
    Path spec = dir.resolve("p.yaml");
    Files.writeString(spec, "formula: \"y ~ x\"\nlikelihood: poisson\n");
    Path csv = data();
    Cli r = Cli.run("fit", "--spec", spec.toString(), "--data", csv.toString(), "--draws-out", "o.csv");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.errLines()[0]).startsWith("sivistream: " + csv + " line 2, column y: the poisson likelihood needs"
        + " a non-negative integer count, got ");
    Files.writeString(spec, "formula: \"y ~ z\"\n");
    Cli z = Cli.run("fit", "--spec", spec.toString(), "--data", csv.toString(), "--draws-out", "o.csv");
    assertThat(z.errLines()).containsExactly("sivistream: " + spec + ": formula 'y ~ z': term 'z' names column 'z',"
        + " which " + csv + " does not have; its columns are y, x, store");
    Files.writeString(spec, "model: linear-regression\nlabel: y\n");
    Cli lin = Cli.run("fit", "--spec", spec.toString(), "--data", csv.toString(), "--draws-out", "o.csv");
    assertThat(lin.errLines()).hasSize(1);
    assertThat(lin.errLines()[0]).contains("linear-regression needs noise.sd");
  }
}
