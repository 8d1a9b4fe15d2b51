package io.sivistream.core.accuracy;

import io.sivistream.core.data.CsvDatasets;
import io.sivistream.core.data.Draws;
import io.sivistream.core.data.Table;
import io.sivistream.core.spec.ModelSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPInputStream;

/**
 * A brms reference of src/test/resources/reference/brms (made by make_brms_references.R one
 * folder up): the spec NAME.yaml that says the same model in our vocabulary, its data NAME.csv and
 * brms' draws NAME_draws.csv.gz (NAME.txt holds brms' settings, priors, R-hat and ESS).
 */
record BrmsReference(String name, ModelSpec spec, Table data, Draws draws) {

  static BrmsReference load(String name) {
    Path dir = folder();
    ModelSpec spec = ModelSpec.load(dir.resolve(name + ".yaml"));
    Table data = Table.read(dir.resolve(name + ".csv"));
    return new BrmsReference(name, spec, data, gunzipDraws(dir.resolve(name + "_draws.csv.gz")));
  }

  private static Path folder() {
    URL url = BrmsReference.class.getResource("/reference/brms/gaussian_year.yaml");
    if (url == null) {
      throw new IllegalStateException("missing test fixtures /reference/brms");
    }
    try {
      return Path.of(url.toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Draws gunzipDraws(Path gz) {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
      Path csv = Files.createTempFile("brms", ".csv");
      try {
        Files.copy(in, csv, StandardCopyOption.REPLACE_EXISTING);
        return CsvDatasets.readDraws(csv);
      } finally {
        Files.deleteIfExists(csv);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
