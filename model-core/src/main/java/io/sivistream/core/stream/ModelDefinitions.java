package io.sivistream.core.stream;

import io.sivistream.core.spec.ModelSpec;
import io.sivistream.core.target.Models;
import io.sivistream.core.target.NormalPrior;
import java.util.Arrays;
import java.util.List;

/** Builds the streaming {@link ModelDefinition} of a regression {@link ModelSpec}. */
public final class ModelDefinitions {

  private ModelDefinitions() {}

  /**
   * @param spec the model spec (a regression model)
   * @param featureNames the feature columns, in order (the spec's features, or the data's columns)
   * @throws IllegalArgumentException for a model without a data likelihood or a prior of the wrong length
   */
  public static ModelDefinition of(ModelSpec spec, List<String> featureNames) {
    if (!Models.needsData(spec.model())) {
      throw new IllegalArgumentException("model '" + spec.model() + "' takes no data, so it cannot be streamed; "
          + "streaming needs a regression model: linear-regression, logistic-regression, poisson-regression");
    }
    int d = featureNames.size();
    double[] sds = spec.prior().toArray();
    if (sds.length == 1 && d != 1) {
      double[] all = new double[d];
      Arrays.fill(all, sds[0]);
      sds = all;
    }
    if (sds.length != d) {
      throw new IllegalArgumentException("prior.sds has " + sds.length + " values but features has " + d + " "
          + featureNames + "; give one sd per feature, or one sd for all");
    }
    String model = spec.model();
    double noise = spec.noise().sd();
    StreamConfig c = spec.stream().toConfig();
    // the cold first window runs train.iterations, capped at the default cold budget, never fewer
    // than a warm window (so a light spec gives a light first update)
    int first = Math.max(c.iterationsPerWindow(), Math.min(spec.train().iterations(), c.firstWindowIterations()));
    StreamConfig stream = new StreamConfig(c.mode(), c.forgetting(), c.windowRows(), c.windowSeconds(),
        c.iterationsPerWindow(), first, c.slidingWindows(), c.prior(), c.priorDraws(), c.summaryDraws(),
        c.retainRowsPerParameter());
    return new ModelDefinition(featureNames, rows -> Models.likelihood(model, rows, noise), new NormalPrior(sds),
        spec.family(), spec.critic(), spec.train(), stream);
  }
}
