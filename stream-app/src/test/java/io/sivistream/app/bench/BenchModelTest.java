package io.sivistream.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.sivistream.app.job.engine.StreamModels;
import io.sivistream.core.spec.ModelSpec;
import org.junit.jupiter.api.Test;

class BenchModelTest {

  @Test
  void specIsAStreamableLogisticRegressionWithTwentyTwoParameters() {
    ModelSpec spec = ModelSpec.parse(BenchModel.specYaml(1.0, 50, 7), "bench");
    assertThat(spec.model()).isEqualTo("logistic-regression");
    assertThat(StreamModels.definition(spec).dim()).isEqualTo(22);
    assertThat(spec.features()).hasSize(22).startsWith("intercept", "x1").endsWith("x21");
    assertThat(spec.stream().windowSeconds()).isEqualTo(1.0);
    assertThat(spec.stream().iterationsPerWindow()).isEqualTo(50);
    assertThat(spec.train().seed()).isEqualTo(7);
  }

  @Test
  void poolRowsHaveAnInterceptAndBinaryLabels() {
    double[][] pool = BenchModel.pool(2000, 1);
    assertThat(pool).hasNumberOfRows(2000);
    int ones = 0;
    for (double[] r : pool) {
      assertThat(r).hasSize(23);
      assertThat(r[0]).isEqualTo(1.0);
      assertThat(r[22]).isIn(0.0, 1.0);
      ones += (int) r[22];
    }
    // intercept -0.5 with unit-order spread: some of each label
    assertThat(ones).isBetween(300, 1500);
    assertThat(BenchModel.pool(5, 1)[4]).isEqualTo(BenchModel.pool(5, 1)[4]);
  }
}
