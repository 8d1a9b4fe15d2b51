package io.sivistream.app.job.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sivistream.app.job.WindowPolicy;
import io.sivistream.core.spec.ModelSpec;
import io.sivistream.core.stream.ModelDefinition;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StreamModelsTest {

  private static ModelSpec spec(String yaml) {
    return ModelSpec.parse(yaml, "test");
  }

  @Test
  void definitionTakesNamesPriorAndSettingsFromTheSpec() {
    ModelDefinition d = StreamModels.definition(spec(String.join("\n",
        "model: poisson-regression", "features: [intercept, x1, x2]", "prior: {sd: 3}",
        "family: {latentDim: 5, hidden: [32, 32]}", "critic: {hidden: [64, 64]}",
        "train: {iterations: 800, seed: 9}", "stream: {forgetting: 0.5, windowRows: 200, iterationsPerWindow: 120}")));
    assertThat(d.parameterNames()).containsExactly("intercept", "x1", "x2");
    assertThat(d.basePrior().dim()).isEqualTo(3);
    // N(0, 3^2): score -x / 9
    assertThat(d.basePrior().gradLogDensity(new double[] {9, -18, 0}))
        .containsExactly(-1.0, 2.0, -0.0);
    assertThat(d.family().hidden()).containsExactly(32, 32);
    assertThat(d.critic().hidden()).containsExactly(64, 64);
    assertThat(d.train().seed()).isEqualTo(9);
    assertThat(d.stream().forgetting()).isEqualTo(0.5);
    assertThat(d.stream().windowRows()).isEqualTo(200);
    assertThat(d.stream().iterationsPerWindow()).isEqualTo(120);
    assertThat(d.stream().firstWindowIterations()).as("the cold window runs train.iterations")
        .isEqualTo(800);
  }

  @Test
  void perFeaturePriorSdsMustMatchTheFeatures() {
    ModelDefinition d = StreamModels.definition(spec(
        "model: linear-regression\nfeatures: [a, b]\nprior: {sds: [1, 2]}\nnoise: {sd: 1}"));
    assertThat(d.basePrior().gradLogDensity(new double[] {1, 4})).containsExactly(-1.0, -1.0);
    assertThatThrownBy(() -> StreamModels.definition(spec(
        "model: linear-regression\nfeatures: [a, b]\nprior: {sds: [1, 2, 3]}\nnoise: {sd: 1}")))
        .hasMessage("prior.sds has 3 values but features has 2 [a, b]; give one sd per"
            + " feature, or one sd for all");
  }

  @Test
  void onlyRegressionsWithFeaturesCanBeStreamed() {
    assertThatThrownBy(() -> StreamModels.definition(spec("model: x-shaped")))
        .hasMessageStartingWith("model 'x-shaped' cannot be streamed");
    assertThatThrownBy(() -> StreamModels.definition(spec("model: logistic-regression")))
        .hasMessageStartingWith("a streamed spec must list its features");
  }

  @Test
  void windowSecondsWinOverTheDefaultRowCount() {
    assertThat(StreamModels.windowPolicy(spec("model: banana").stream()))
        .isEqualTo(WindowPolicy.rows(250));
    assertThat(StreamModels.windowPolicy(
        spec("model: banana\nstream: {windowSeconds: 60}").stream()))
        .isEqualTo(WindowPolicy.eventTime(Duration.ofMinutes(1)));
    assertThat(StreamModels.windowPolicy(
        spec("model: banana\nstream: {windowRows: 10, windowSeconds: 0}").stream()))
        .isEqualTo(WindowPolicy.rows(10));
  }

  @Test
  void rowsOutsideTheModelsSupportAreRejectedWithTheReason() {
    ModelSpec logistic = spec("model: logistic-regression\nfeatures: [a, b]");
    assertThat(StreamModels.rejectRow(logistic, new double[] {1, 2}, 1)).isNull();
    assertThat(StreamModels.rejectRow(logistic, new double[] {1, 2}, 2))
        .isEqualTo("label y must be 0 or 1 for logistic-regression, got 2.0");
    ModelSpec poisson = spec("model: poisson-regression\nfeatures: [a]");
    assertThat(StreamModels.rejectRow(poisson, new double[] {1}, 3)).isNull();
    assertThat(StreamModels.rejectRow(poisson, new double[] {1}, 1.5))
        .isEqualTo("label y must be a non-negative integer for poisson-regression, got 1.5");
    ModelSpec linear = spec("model: linear-regression\nfeatures: [a]\nnoise: {sd: 1}");
    assertThat(StreamModels.rejectRow(linear, new double[] {1}, -7.25)).isNull();
  }
}
