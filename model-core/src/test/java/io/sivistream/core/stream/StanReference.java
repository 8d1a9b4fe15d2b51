package io.sivistream.core.stream;

import io.sivistream.core.data.CsvDatasets;
import io.sivistream.core.data.Dataset;
import io.sivistream.core.data.Draws;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPInputStream;

/**
 * Stan NUTS draws committed as test fixtures (src/test/resources/reference, made by
 * make_references.R there; each has a .txt with its sampler settings, R-hat and ESS).
 */
final class StanReference {

  private StanReference() {}

  /** The draws of reference/NAME.csv.gz. */
  static Draws load(String name) {
    return read(name, CsvDatasets::readDraws);
  }

  /**
   * The data rows a reference was computed on, committed beside it as reference/NAME.csv.gz
   * (for data that is not bundled elsewhere: rows 2,001-4,000 of waveform_test.csv as
   * waveform_test_2001_4000_rows), label column {@code y}.
   */
  static Dataset rows(String name) {
    return read(name, csv -> CsvDatasets.read(csv, "y", null));
  }

  private interface Reader<T> {
    T read(Path csv) throws IOException;
  }

  private static <T> T read(String name, Reader<T> reader) {
    String resource = "/reference/" + name + ".csv.gz";
    try (InputStream in = StanReference.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test fixture " + resource);
      }
      Path csv = Files.createTempFile(name, ".csv");
      try {
        Files.copy(new GZIPInputStream(in), csv, StandardCopyOption.REPLACE_EXISTING);
        return reader.read(csv);
      } finally {
        Files.deleteIfExists(csv);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
