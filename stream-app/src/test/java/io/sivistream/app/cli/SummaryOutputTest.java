package io.sivistream.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sivistream.core.mcmc.HmcResult;
import io.sivistream.core.summary.DrawSummary;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tables, JSON and plots, from hand-made summaries (independent of the engine). */
class SummaryOutputTest {

  @TempDir
  Path dir;

  private static DrawSummary summary() {
    return new DrawSummary(List.of("intercept", "x1"), new double[] {0.12345, -2.5}, new double[] {1.0, 0.00012},
        new double[] {-1.5, -3}, new double[] {0.1, -2.5}, new double[] {1.8, 1234567.0},
        new double[][] {{1, 0.3}, {0.3, 1}});
  }

  @Test
  void hmcTableHasDiagnosticColumns() {
    String table = SummaryTables.withDiagnostics(summary(), new double[] {1.0012, 1.05}, new double[] {3512.4, 88});
    String[] lines = table.split("\n");
    assertThat(lines).hasSize(3);
    assertThat(lines[0].split("\\s+")).containsExactly("parameter", "mean", "sd", "q05", "q50", "q95", "rhat", "ess");
    assertThat(lines[1].split("\\s+")).containsExactly("intercept", "0.1235", "1.000", "-1.500", "0.1000", "1.800",
        "1.001", "3512");
    assertThat(lines[2].split("\\s+")).containsExactly("x1", "-2.500", "1.200e-04", "-3.000", "-2.500", "1.235e+06",
        "1.050", "88");
  }

  @Test
  void rhatWarningNamesTheParameters() {
    StringWriter sw = new StringWriter();
    HmcCommand.warnings(new PrintWriter(sw, true), new HmcResult(List.of("a", "b", "c"), new double[0][],
        new double[] {1.0, 1.2, Double.NaN}, new double[] {1, 1, 1}, new double[] {0.1}, 3, 1.0));
    assertThat(sw.toString().split("\\R")).containsExactly(
        "warning: R-hat > 1.01 for b (1.200), c (NaN): the chains disagree; rerun with more --warmup and --draws",
        "warning: 3 divergent transitions; the draws may be biased (reparametrise or check the prior)");
  }

  @Test
  void jsonSummaryHasFactsParametersAndCorrelation() throws Exception {
    Path f = dir.resolve("s.json");
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("command", "hmc");
    facts.put("draws", 4000);
    SummaryJson.write(f, facts, summary(), new double[] {1.001, 1.002}, new double[] {100, 200});
    JsonNode root = new ObjectMapper().readTree(f.toFile());
    assertThat(root.get("command").asText()).isEqualTo("hmc");
    assertThat(root.get("draws").asInt()).isEqualTo(4000);
    JsonNode p1 = root.get("parameters").get(1);
    assertThat(p1.get("name").asText()).isEqualTo("x1");
    assertThat(p1.get("mean").asDouble()).isEqualTo(-2.5);
    assertThat(p1.get("q95").asDouble()).isEqualTo(1234567.0);
    assertThat(p1.get("rhat").asDouble()).isEqualTo(1.002);
    assertThat(p1.get("ess").asDouble()).isEqualTo(200);
    assertThat(root.get("correlation").get(0).get(1).asDouble()).isEqualTo(0.3);
  }

  @Test
  void pairPlotIsOnePngWithAPanelPerPair() throws Exception {
    Random rng = new Random(1);
    double[][] draws = new double[3000][8];
    for (double[] row : draws) {
      for (int j = 0; j < row.length; j++) {
        row[j] = rng.nextGaussian() + (j > 0 ? 0.8 * row[j - 1] : 0);
      }
    }
    List<String> names = List.of("a", "b", "c", "d", "e", "f", "g", "h");
    Path f = dir.resolve("pairs.png");
    assertThat(PairPlot.write(f, names, draws, 6)).isEqualTo(6);
    BufferedImage img = ImageIO.read(f.toFile());
    assertThat(img.getWidth()).isEqualTo(6 * PairPlot.CELL);
    assertThat(img.getHeight()).isEqualTo(6 * PairPlot.CELL);
    // something was drawn in a lower panel, the upper triangle stays blank
    assertThat(nonWhite(img, 0, PairPlot.CELL)).isGreaterThan(500);
    assertThat(nonWhite(img, PairPlot.CELL, 0)).isZero();

    Path one = dir.resolve("one.png");
    assertThat(PairPlot.write(one, List.of("a"), draws, 6)).isEqualTo(1);
    assertThat(ImageIO.read(one.toFile()).getWidth()).isEqualTo(PairPlot.CELL);
  }

  private static int nonWhite(BufferedImage img, int x0, int y0) {
    int count = 0;
    for (int y = y0; y < y0 + PairPlot.CELL; y++) {
      for (int x = x0; x < x0 + PairPlot.CELL; x++) {
        if ((img.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
          count++;
        }
      }
    }
    return count;
  }
}
