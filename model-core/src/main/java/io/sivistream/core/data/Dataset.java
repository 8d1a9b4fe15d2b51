package io.sivistream.core.data;

import java.util.List;

/**
 * Rows of a regression data set, already validated: every value finite, every row of the same
 * width as featureNames.
 *
 * @param featureNames names of the feature columns, in order (these name the regression coefficients)
 * @param features design matrix, [rows][featureNames.size()]
 * @param labels response per row
 * @param source where the rows came from (a file path), for messages
 */
public record Dataset(List<String> featureNames, double[][] features, double[] labels, String source) {

  public Dataset {
    featureNames = List.copyOf(featureNames);
    if (features.length != labels.length) {
      throw new IllegalArgumentException(
          "dataset " + source + ": " + features.length + " feature rows but " + labels.length + " labels");
    }
  }

  public int rows() {
    return labels.length;
  }

  public int width() {
    return featureNames.size();
  }

  /** The rows [from, to) as a new dataset. */
  public Dataset slice(int from, int to) {
    double[][] f = new double[to - from][];
    double[] y = new double[to - from];
    System.arraycopy(features, from, f, 0, to - from);
    System.arraycopy(labels, from, y, 0, to - from);
    return new Dataset(featureNames, f, y, source);
  }
}
