package io.sivistream.core.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sivistream.core.data.Dataset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelsTest {

  static Dataset data(double... labels) {
    double[][] f = new double[labels.length][];
    for (int i = 0; i < labels.length; i++) {
      f[i] = new double[] {1, i};
    }
    return new Dataset(List.of("intercept", "x1"), f, labels, "test.csv");
  }

  @Test
  void unknownModelListsTheKnownOnes() {
    assertThatThrownBy(() -> Models.build("logistc-regression", null, null, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown model 'logistc-regression'; known: linear-regression, logistic-regression, "
            + "poisson-regression, banana, multimodal, x-shaped");
    assertThatThrownBy(() -> Models.needsData("bnn")).hasMessageStartingWith("unknown model 'bnn'; known: ");
  }

  @Test
  void needsDataOnlyForRegressions() {
    assertThat(Models.KNOWN.stream().filter(Models::needsData))
        .containsExactly("linear-regression", "logistic-regression", "poisson-regression");
  }

  @Test
  void buildsEveryKnownModel() {
    Dataset d = data(0, 1, 1, 0, 3);
    Dataset binary = data(0, 1, 1, 0, 1);
    for (String model : Models.KNOWN) {
      Target t = Models.build(model, model.startsWith("logistic") ? binary : d, new double[] {1, 2}, 0.5);
      assertThat(t.dim()).as(model).isEqualTo(2);
      if (Models.needsData(model)) {
        assertThat(t.parameterNames()).isEqualTo(List.of("intercept", "x1"));
        assertThat(t.dataRows()).isEqualTo(5);
      } else {
        assertThat(t).isInstanceOf(ExactSampler.class);
        assertThat(t.parameterNames()).isEqualTo(List.of("x1", "x2"));
      }
    }
  }

  @Test
  void labelsOutsideTheSupportNameTheRow() {
    assertThatThrownBy(() -> Models.build("logistic-regression", data(0, 1, 2), new double[] {1, 1}, 1))
        .hasMessage("row 3: label y must be 0 or 1 for logistic-regression, got 2.0");
    assertThatThrownBy(() -> Models.build("poisson-regression", data(0, 1.5), new double[] {1, 1}, 1))
        .hasMessage("row 2: label y must be a non-negative integer for poisson-regression, got 1.5");
    assertThatThrownBy(() -> Models.build("poisson-regression", data(-1), new double[] {1, 1}, 1))
        .hasMessage("row 1: label y must be a non-negative integer for poisson-regression, got -1.0");
  }

  @Test
  void regressionsNeedDataAndOnePriorSdPerFeature() {
    assertThatThrownBy(() -> Models.build("linear-regression", null, new double[] {1}, 1))
        .hasMessage("model 'linear-regression' needs a dataset, got none");
    assertThatThrownBy(() -> Models.build("linear-regression", data(1, 2), new double[] {1, 1, 1}, 1))
        .hasMessage("model 'linear-regression' needs one prior sd per feature [intercept, x1] (2), got 3");
    // a single sd stands for every coefficient
    assertThat(Models.build("linear-regression", data(1, 2), new double[] {2}, 1).dim()).isEqualTo(2);
    assertThatThrownBy(() -> Models.build("linear-regression", data(1, 2), new double[] {1, 1}, -1))
        .hasMessage("noise.sd must be finite and > 0, got -1.0");
  }
}
