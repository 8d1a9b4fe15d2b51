package io.sivistream.app.job.engine;

import io.sivistream.app.job.WindowPolicy;
import io.sivistream.core.data.Dataset;
import io.sivistream.core.spec.ModelSpec;
import io.sivistream.core.spec.StreamSpec;
import io.sivistream.core.stream.ModelDefinition;
import io.sivistream.core.stream.ModelDefinitions;
import io.sivistream.core.target.Models;
import java.time.Duration;
import java.util.List;

/**
 * A YAML model spec as the streaming job uses it: the engine's {@link ModelDefinition}, the job's
 * {@link WindowPolicy}, and the check of single rows. Everything here is cheap and touches no
 * native code, so that the spec decoder can run it to turn a bad spec into a dead letter instead
 * of a failing update.
 */
public final class StreamModels {

  /** Models that can be streamed: regressions, whose likelihood is a sum over rows. */
  public static final List<String> STREAMABLE =
      List.of("linear-regression", "logistic-regression", "poisson-regression");

  private StreamModels() {}

  /**
   * The engine's definition of a streamed model.
   *
   * @throws IllegalArgumentException when the model cannot be streamed (not a regression, no
   *                                  features list, prior sds of the wrong length); the message
   *                                  says what to change
   */
  public static ModelDefinition definition(ModelSpec spec) {
    String model = spec.model();
    if (!STREAMABLE.contains(model)) {
      throw new IllegalArgumentException("model '" + model + "' cannot be streamed; streamed models"
          + " are regressions on rows: " + String.join(", ", STREAMABLE));
    }
    List<String> names = spec.features();
    if (names == null) {
      throw new IllegalArgumentException("a streamed spec must list its features (they name the"
          + " coefficients and fix the order of Observation.features), e.g. features: [intercept,"
          + " x1, x2]");
    }
    return ModelDefinitions.of(spec, names);
  }

  /**
   * When windows of the spec close: every {@code windowSeconds} of event time when that is set
   * (the spec's row count, which has a default, is then not used), else every {@code windowRows}
   * rows.
   */
  public static WindowPolicy windowPolicy(StreamSpec stream) {
    if (stream.windowSeconds() > 0) {
      long millis = Math.round(stream.windowSeconds() * 1000);
      if (millis < 1) {
        throw new IllegalArgumentException(
            "stream.windowSeconds must be >= 0.001, got " + stream.windowSeconds());
      }
      return WindowPolicy.eventTime(Duration.ofMillis(millis));
    }
    return WindowPolicy.rows(stream.windowRows());
  }

  /**
   * Why the model cannot take a row (a label outside its support, such as 2 for a logistic
   * regression), or null when it can. The row's width is the job's check.
   */
  public static String rejectRow(ModelSpec spec, double[] features, double label) {
    try {
      Models.likelihood(spec.model(),
          new Dataset(spec.features(), new double[][] {features}, new double[] {label}, "row"),
          spec.noise().sd());
      return null;
    } catch (IllegalArgumentException e) {
      String m = e.getMessage();
      return (m.startsWith("row 1: ") ? m.substring("row 1: ".length()) : m);
    }
  }
}
