package io.sivistream.core.stream;

import io.sivistream.core.data.CsvDatasets;
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
    String resource = "/reference/" + name + ".csv.gz";
    try (InputStream in = StanReference.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test fixture " + resource);
      }
      Path csv = Files.createTempFile(name, ".csv");
      try {
        Files.copy(new GZIPInputStream(in), csv, StandardCopyOption.REPLACE_EXISTING);
        return CsvDatasets.readDraws(csv);
      } finally {
        Files.deleteIfExists(csv);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
