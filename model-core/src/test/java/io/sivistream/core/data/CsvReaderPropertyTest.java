package io.sivistream.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever a data file holds, reading it gives a dataset or a {@link DataException} naming the
 * file: never another exception.
 */
class CsvReaderPropertyTest {

  private static final List<String> CELLS = List.of("y", "x", "intercept", "1", "0", "-2.5",
      "1e308", "1e309", "NaN", "Infinity", "", " ", "\"1\"", "\"a,b\"", "\"", "abc", "0x10", "1,5",
      "\u00e9", "\t", "3.0.1", "--1", "+4");

  @Property(tries = 1500, seed = "20261203")
  void anyCsvLikeFileReadsOrIsADataError(@ForAll("csv") String text) throws IOException {
    Path file = Files.createTempFile("prop", ".csv");
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
      try {
        Dataset d = CsvDatasets.read(file, "y", null);
        assertThat(d.rows()).isPositive();
        for (double[] row : d.features()) {
          for (double v : row) {
            assertThat(v).as("cells must be finite numbers").isFinite();
          }
        }
        for (double v : d.labels()) {
          assertThat(v).isFinite();
        }
      } catch (DataException e) {
        assertThat(e.getMessage()).startsWith(file.toString());
      }
    } finally {
      Files.delete(file);
    }
  }

  @Provide
  Arbitrary<String> csv() {
    Arbitrary<String> row = Arbitraries.of(CELLS).list().ofMinSize(1).ofMaxSize(5)
        .map(cells -> String.join(",", cells));
    Arbitrary<String> header = Arbitraries.of("y,x", "x,y,intercept", "y", "y,y", "x", "y,x,", "")
        ;
    return header.flatMap(h -> row.list().ofMaxSize(6).map(rows -> h + "\n" + String.join("\n", rows)
        + (rows.size() % 2 == 0 ? "\n" : "")));
  }
}
