package io.sivistream.core.target;

import io.sivistream.core.data.Dataset;
import java.util.List;

/** STUB for the cli branch (dropped at merge): the real registry comes from the targets branch. */
public final class Models {

  public static final List<String> KNOWN = List.of("linear-regression", "logistic-regression",
      "poisson-regression", "multinomial-logistic", "bnn-regression", "banana", "multimodal", "x-shaped");

  private Models() {}

  public static boolean needsData(String model) {
    throw new UnsupportedOperationException("stub: Models.needsData");
  }

  public static Target build(String model, Dataset data, double[] priorSds, double noiseSd) {
    throw new UnsupportedOperationException("stub: Models.build");
  }
}
