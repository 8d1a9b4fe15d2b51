package io.sivistream.core.accuracy;

import io.sivistream.core.data.CsvDatasets;
import io.sivistream.core.data.Dataset;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds ../shared/data (beside the project root) from wherever the tests run. */
public final class SharedData {

  private SharedData() {}

  public static Dataset waveformTrain() {
    return CsvDatasets.read(find().resolve("waveform_train.csv"), "y", null);
  }

  static Path find() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path candidate = dir.resolve("shared").resolve("data");
      if (Files.isRegularFile(candidate.resolve("waveform_train.csv"))) {
        return candidate;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("shared/data/waveform_train.csv not found above " + Path.of("").toAbsolutePath());
  }
}
