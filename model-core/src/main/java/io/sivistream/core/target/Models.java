package io.sivistream.core.target;

import io.sivistream.core.data.Dataset;
import java.util.List;

/**
 * Builds a {@link Target} from a model name, as written in model specs and on the command line.
 *
 * <p>Usage: {@code Target t = Models.build("logistic-regression", data, sds, Double.NaN);} or
 * {@code Models.build("banana", null, null, Double.NaN)}.
 */
public final class Models {

  /** The model names {@link #build} accepts. */
  public static final List<String> KNOWN = List.of(
      "linear-regression", "logistic-regression", "poisson-regression", "banana", "multimodal", "x-shaped");

  private Models() {}

  /** Whether the model is a regression on data (true) or a fixed 2-D target (false). */
  public static boolean needsData(String model) {
    return switch (known(model)) {
      case "linear-regression", "logistic-regression", "poisson-regression" -> true;
      default -> false;
    };
  }

  /**
   * @param model one of {@link #KNOWN}
   * @param data the rows, for regressions; null for the 2-D targets
   * @param priorSds N(0, sd_j²) prior, one sd per feature (data width), for regressions; ignored otherwise
   * @param noiseSd known noise sd, for linear-regression only; ignored otherwise
   * @throws IllegalArgumentException for an unknown model, missing data, wrong prior length or a label
   *     outside the model's support (the message names the 1-based row)
   */
  public static Target build(String model, Dataset data, double[] priorSds, double noiseSd) {
    String name = known(model);
    switch (name) {
      case "banana":
        return new Banana();
      case "multimodal":
        return new Multimodal();
      case "x-shaped":
        return new XShaped();
      default:
        break;
    }
    if (data == null) {
      throw new IllegalArgumentException("model '" + name + "' needs a dataset, got none");
    }
    if (priorSds != null && priorSds.length == 1 && data.width() != 1) {
      // one sd given: the same for every coefficient
      double[] all = new double[data.width()];
      java.util.Arrays.fill(all, priorSds[0]);
      priorSds = all;
    }
    if (priorSds == null || priorSds.length != data.width()) {
      throw new IllegalArgumentException("model '" + name + "' needs one prior sd per feature "
          + data.featureNames() + " (" + data.width() + "), got " + (priorSds == null ? "none" : priorSds.length));
    }
    return new PosteriorTarget(new NormalPrior(priorSds), likelihood(name, data, noiseSd));
  }

  /**
   * The log likelihood of a data set under a regression model (streaming builds one per window).
   *
   * @throws IllegalArgumentException for an unknown or data-free model, or labels the model cannot take
   */
  public static Likelihood likelihood(String name, Dataset data, double noiseSd) {
    return switch (name) {
      case "linear-regression" -> new LinearRegression(data.features(), data.labels(), noiseSd, data.featureNames());
      case "logistic-regression" -> new LogisticRegression(data.features(), data.labels(), data.featureNames());
      case "poisson-regression" -> new PoissonRegression(data.features(), data.labels(), data.featureNames());
      default -> throw new IllegalArgumentException("model '" + name + "' has no likelihood over data rows; known regression models: "
          + "linear-regression, logistic-regression, poisson-regression");
    };
  }

  private static String known(String model) {
    if ("formula".equals(model)) {
      throw new IllegalArgumentException("a formula model (spec key 'formula') is fitted with 'fit' (and 'hmc') only so"
          + " far; replay, the Flink job and the serving app take the named models " + String.join(", ", KNOWN.subList(0, 3))
          + " (formula models there are a later step of issue 13)");
    }
    if (model == null || !KNOWN.contains(model)) {
      throw new IllegalArgumentException("unknown model '" + model + "'; known: " + String.join(", ", KNOWN));
    }
    return model;
  }
}
