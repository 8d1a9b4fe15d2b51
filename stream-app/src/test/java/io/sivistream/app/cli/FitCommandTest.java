package io.sivistream.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sivistream.core.data.CsvDatasets;
import io.sivistream.core.data.Draws;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The happy path of {@code fit} on a real 2-D target. Needs the SIVI-SM engine and the target
 * registry: it fails until those land (the stubs throw UnsupportedOperationException).
 */
class FitCommandTest {

  @TempDir
  Path dir;

  @Test
  void fitsBananaAndWritesDrawsSummaryJsonAndPlot() throws Exception {
    Path spec = dir.resolve("banana.yaml");
    Files.writeString(spec, "model: banana\ntrain: {iterations: 5000, seed: 3}\n");
    Path draws = dir.resolve("out/draws.csv");
    Path json = dir.resolve("out/summary.json");
    Path png = dir.resolve("out/pairs.png");

    Cli r = Cli.run("fit", "--spec", spec.toString(), "--draws-out", draws.toString(), "--draws", "500",
        "--iterations", "300", "--summary-out", json.toString(), "--plot", png.toString());

    assertThat(r.status()).as(r.toString()).isZero();
    Draws d = CsvDatasets.readDraws(draws);
    assertThat(d.names()).hasSize(2);
    assertThat(d.size()).isEqualTo(500);
    assertThat(r.out()).contains(d.names().get(0)).contains(d.names().get(1));
    assertThat(r.err()).contains("fit: banana (d = 2) with SIVI-SM (transport step), 300 iterations, batch 200").contains("wrote 500 draws");

    JsonNode root = new ObjectMapper().readTree(json.toFile());
    assertThat(root.get("model").asText()).isEqualTo("banana");
    assertThat(root.get("iterations").asInt()).isEqualTo(300);
    assertThat(root.get("seed").asLong()).isEqualTo(3);
    assertThat(root.get("parameters")).hasSize(2);
    assertThat(root.get("parameters").get(0).get("sd").asDouble()).isPositive();
    assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(2 * PairPlot.CELL);

    // same seed, same draws
    Path again = dir.resolve("again.csv");
    Cli r2 = Cli.run("fit", "--spec", spec.toString(), "--draws-out", again.toString(), "--draws", "500",
        "--iterations", "300");
    assertThat(r2.status()).as(r2.toString()).isZero();
    assertThat(CsvDatasets.readDraws(again).draws()).isDeepEqualTo(d.draws());
  }

  @Test
  void bananaTakesNoData() throws Exception {
    Path spec = dir.resolve("banana.yaml");
    Files.writeString(spec, "model: banana\nlabel: y\n");
    Path data = dir.resolve("d.csv");
    Files.writeString(data, "x,y\n1,2\n");
    Cli r = Cli.run("fit", "--spec", spec.toString(), "--data", data.toString(), "--draws-out", "d.csv");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.errLines()).containsExactly("sivistream: model 'banana' takes no data; leave out --data");
  }

  @Test
  void logisticRegressionNeedsData() throws Exception {
    Path spec = dir.resolve("s.yaml");
    Files.writeString(spec, "model: logistic-regression\nlabel: y\n");
    Cli r = Cli.run("fit", "--spec", spec.toString(), "--draws-out", "d.csv");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.errLines()).containsExactly(
        "sivistream: model 'logistic-regression' is fitted to data; pass --data FILE.csv");
  }

  @Test
  void dataWithoutLabelInSpec() throws Exception {
    Path spec = dir.resolve("s.yaml");
    Files.writeString(spec, "model: logistic-regression\n");
    Path data = dir.resolve("d.csv");
    Files.writeString(data, "x1,y\n1,0\n");
    Cli r = Cli.run("fit", "--spec", spec.toString(), "--data", data.toString(), "--draws-out", "d.csv");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.errLines()).containsExactly(
        "sivistream: " + spec + ": no 'label:' given; name the label column of " + data + ", e.g. 'label: y'");
  }

  @Test
  void drawsOutThatIsADirectoryIsRefusedBeforeFitting() throws Exception {
    Path spec = dir.resolve("banana.yaml");
    Files.writeString(spec, "model: banana\n");
    Cli r = Cli.run("fit", "--spec", spec.toString(), "--draws-out", dir.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.errLines()).containsExactly("sivistream: --draws-out " + dir + ": is a directory; give a file name");
  }
}
