package io.sivistream.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvDatasetsTest {

  @TempDir
  Path dir;

  private Path csv(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  private String error(Path file, String label, List<String> features) {
    assertThatThrownBy(() -> CsvDatasets.read(file, label, features)).isInstanceOf(DataException.class);
    try {
      CsvDatasets.read(file, label, features);
      throw new AssertionError();
    } catch (DataException e) {
      return e.getMessage();
    }
  }

  @Test
  void readsAllButLabelByDefault() throws Exception {
    Path f = csv("d.csv", "intercept,x1,y,x2\n1,0.5,1,-2\n\n1, 1e-3 ,0,\"3.25\"\r\n");
    Dataset d = CsvDatasets.read(f, "y", null);
    assertThat(d.featureNames()).containsExactly("intercept", "x1", "x2");
    assertThat(d.features()).isDeepEqualTo(new double[][] {{1, 0.5, -2}, {1, 1e-3, 3.25}});
    assertThat(d.labels()).containsExactly(1, 0);
    assertThat(d.source()).isEqualTo(f.toString());
  }

  @Test
  void readsChosenFeaturesInGivenOrderAndIgnoresOtherColumns() throws Exception {
    Path f = csv("d.csv", "\uFEFFid,x1,x2,y\nabc,1,2,3\ndef,4,5,6\n");
    Dataset d = CsvDatasets.read(f, "y", List.of("x2", "x1"));
    assertThat(d.featureNames()).containsExactly("x2", "x1");
    assertThat(d.features()).isDeepEqualTo(new double[][] {{2, 1}, {5, 4}});
    assertThat(d.labels()).containsExactly(3, 6);
  }

  @Test
  void readsTheSharedWaveformData() {
    Dataset d = CsvDatasets.read(io.sivistream.core.accuracy.SharedData.waveformFile(), "y", null);
    assertThat(d.rows()).isEqualTo(400);
    assertThat(d.width()).isEqualTo(22);
    assertThat(d.featureNames().get(0)).isEqualTo("intercept");
    assertThat(d.features()[0][1]).isEqualTo(0.47009379);
  }

  @Test
  void missingAndEmptyFiles() throws Exception {
    Path missing = dir.resolve("nope.csv");
    assertThat(error(missing, "y", null)).isEqualTo(missing + ": no such file");
    assertThat(error(dir, "y", null)).isEqualTo(dir + ": is a directory, not a CSV file");
    Path empty = csv("empty.csv", "");
    assertThat(error(empty, "y", null))
        .isEqualTo(empty + ": the file is empty; expected a header row of column names, then data rows");
    Path blank = csv("blank.csv", "\n  \n");
    assertThat(error(blank, "y", null)).startsWith(blank + ": the file is empty");
    Path headerOnly = csv("h.csv", "x1,y\n");
    assertThat(error(headerOnly, "y", null)).isEqualTo(headerOnly + ": no data rows after the header");
  }

  @Test
  void headerProblems() throws Exception {
    Path noHeader = csv("n.csv", "1,2,3\n4,5,6\n");
    assertThat(error(noHeader, "y", null)).isEqualTo(noHeader
        + " line 1: the first row holds numbers, not column names; add a header row naming the columns");
    Path dup = csv("dup.csv", "x1,x1,y\n1,2,3\n");
    assertThat(error(dup, "y", null)).isEqualTo(dup + " line 1: column 'x1' appears twice in the header");
    Path unnamed = csv("u.csv", "x1,,y\n1,2,3\n");
    assertThat(error(unnamed, "y", null)).isEqualTo(unnamed + " line 1: header column 2 has no name");
  }

  @Test
  void missingLabelAndFeatureColumns() throws Exception {
    Path f = csv("waveform.csv", "intercept,x1,x2,y\n1,2,3,0\n");
    assertThat(error(f, "z", null)).isEqualTo(f + ": no label column 'z'; columns are: intercept, x1, x2, y");
    assertThat(error(f, "y", List.of("x1", "x3")))
        .isEqualTo(f + ": no feature column 'x3'; columns are: intercept, x1, x2, y");
    assertThat(error(f, "y", List.of("x1", "y"))).isEqualTo(f + ": 'y' is the label column and cannot also be a feature");
    assertThat(error(f, "y", List.of("x1", "x1"))).isEqualTo(f + ": feature column 'x1' is listed twice");
    Path only = csv("only.csv", "y\n1\n");
    assertThat(error(only, "y", null)).isEqualTo(only + ": no feature columns; the only column is the label 'y'");
  }

  @Test
  void badCellsNameLineAndColumn() throws Exception {
    String header = "intercept,x1,x2,x3,y\n";
    StringBuilder rows = new StringBuilder(header);
    for (int i = 0; i < 15; i++) {
      rows.append("1,2,3,4,0\n");
    }
    // line 17 is the 16th data row
    Path f = csv("waveform.csv", rows + "1,2,3,abc,1\n");
    assertThat(error(f, "y", null)).isEqualTo(f + " line 17, column x3: 'abc' is not a number");
    Path nan = csv("nan.csv", header + "1,2,NaN,4,1\n");
    assertThat(error(nan, "y", null))
        .isEqualTo(nan + " line 2, column x2: 'NaN' is not a finite number (NaN and infinities are not allowed)");
    Path inf = csv("inf.csv", header + "1,2,3,4,-Infinity\n");
    assertThat(error(inf, "y", null)).startsWith(inf + " line 2, column y: '-Infinity' is not a finite number");
    Path empty = csv("e.csv", header + "1,,3,4,1\n");
    assertThat(error(empty, "y", null)).isEqualTo(empty + " line 2, column x1: empty cell, expected a number");
  }

  @Test
  void wrongNumberOfCells() throws Exception {
    Path f = csv("w.csv", "x1,x2,y\n1,2,3\n\n1,2\n");
    assertThat(error(f, "y", null)).isEqualTo(f + " line 4: 2 cells, but the header has 3 columns");
    Path g = csv("g.csv", "x1,x2,y\n1,2,3,4\n");
    assertThat(error(g, "y", null)).isEqualTo(g + " line 2: 4 cells, but the header has 3 columns");
    Path trailing = csv("t.csv", "x1,x2,y\n1,2,\n");
    assertThat(error(trailing, "y", null)).isEqualTo(trailing + " line 2, column y: empty cell, expected a number");
  }

  @Test
  void quotedCells() throws Exception {
    Path f = csv("q.csv", "\"a,b\",\"say \"\"hi\"\"\",y\n\"1\",2,3\n");
    Dataset d = CsvDatasets.read(f, "y", null);
    assertThat(d.featureNames()).containsExactly("a,b", "say \"hi\"");
    Path open = csv("o.csv", "x,y\n\"1,2\n");
    assertThat(error(open, "y", null)).isEqualTo(open + " line 2: a quoted cell is not closed (missing \")");
  }

  @Test
  void drawsRoundTripExactly() {
    double[][] draws = {{0.1, -1e-300, Math.PI}, {1.0 / 3, 12345.678901234567, -0.0}, {Double.MIN_VALUE, 1e300, 2}};
    List<String> names = List.of("intercept", "x,1", "sigma");
    Path f = dir.resolve("sub/dir/draws.csv");
    CsvDatasets.writeDraws(f, names, draws);
    Draws back = CsvDatasets.readDraws(f);
    assertThat(back.names()).isEqualTo(names);
    assertThat(back.draws()).isDeepEqualTo(draws);
    assertThat(back.size()).isEqualTo(3);
  }

  @Test
  void drawsErrors() throws Exception {
    assertThatThrownBy(() -> CsvDatasets.writeDraws(dir.resolve("d.csv"), List.of("a", "b"), new double[][] {{1}}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 values per row");
    Path bad = csv("bad.csv", "a,b\n1,2\n3,x\n");
    assertThatThrownBy(() -> CsvDatasets.readDraws(bad)).isInstanceOf(DataException.class)
        .hasMessage(bad + " line 3, column b: 'x' is not a number");
    Path blocked = csv("file", "x");
    assertThatThrownBy(() -> CsvDatasets.writeDraws(blocked.resolve("d.csv"), List.of("a"), new double[][] {{1}}))
        .isInstanceOf(DataException.class).hasMessageStartingWith(blocked.resolve("d.csv") + ": cannot write:");
  }
}
