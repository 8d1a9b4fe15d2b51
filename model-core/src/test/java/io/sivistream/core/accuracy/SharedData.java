package io.sivistream.core.accuracy;

import io.sivistream.core.data.CsvDatasets;
import io.sivistream.core.data.Dataset;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The waveform training rows: from ../shared/data (beside the project root) when it is there,
 * else the identical copy bundled with model-core (so a checkout elsewhere still tests).
 */
public final class SharedData {

  private SharedData() {}

  public static Dataset waveformTrain() {
    Path shared = find();
    return shared == null ? io.sivistream.core.bench.EngineBench.waveform()
        : CsvDatasets.read(shared.resolve("waveform_train.csv"), "y", null);
  }

  /** The waveform CSV's path: ../shared/data's, or a temporary copy of the bundled one. */
  public static Path waveformFile() {
    Path shared = find();
    if (shared != null) {
      return shared.resolve("waveform_train.csv");
    }
    try (java.io.InputStream in = io.sivistream.core.bench.EngineBench.class.getResourceAsStream("waveform_train.csv")) {
      Path tmp = Files.createTempFile("waveform_train", ".csv");
      tmp.toFile().deleteOnExit();
      Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      return tmp;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
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
    return null;
  }
}
