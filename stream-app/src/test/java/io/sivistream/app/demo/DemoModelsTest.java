package io.sivistream.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.sivistream.app.embedded.LocalFlink;
import io.sivistream.app.job.WindowPolicy;
import io.sivistream.app.job.engine.StreamModels;
import io.sivistream.core.spec.ModelSpec;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.junit.jupiter.api.Test;

class DemoModelsTest {

  @Test
  void specsAreStreamableWithLightSettings() {
    for (DemoModel m : DemoModels.all()) {
      ModelSpec spec = ModelSpec.parse(m.specYaml(), m.id());
      assertThat(spec.model()).isEqualTo(m.kind());
      assertThat(StreamModels.definition(spec).parameterNames()).isEqualTo(m.names());
      assertThat(StreamModels.windowPolicy(spec.stream())).isEqualTo(WindowPolicy.rows(DemoModels.WINDOW_ROWS));
      assertThat(spec.family().hidden()).containsExactly(32, 32);
      assertThat(spec.critic().hidden()).containsExactly(64, 64);
      assertThat(spec.stream().iterationsPerWindow()).isBetween(200, 300);
    }
    assertThat(DemoModels.all()).filteredOn(DemoModel::drifts).hasSize(1);
  }

  @Test
  void theModelsUpdateOnDifferentSubtasks() {
    // two models on one subtask would update one after the other
    List<Integer> subtasks = DemoModels.all().stream()
        .map(m -> KeyGroupRangeAssignment.assignKeyToParallelOperator(m.id(), 128,
            LocalFlink.SLOTS))
        .distinct().toList();
    assertThat(subtasks).hasSize(2);
  }

  @Test
  void labelsFollowTheTruth() {
    SplittableRandom rng = new SplittableRandom(5);
    DemoModel clicks = DemoModels.clicks();
    double[] beta = {0.0, 0.0, 0.0};
    double ones = 0;
    int n = 20_000;
    for (int i = 0; i < n; i++) {
      double[] x = clicks.features(rng);
      assertThat(x[0]).isEqualTo(1.0);
      ones += clicks.label(x, beta, rng);
    }
    assertThat(ones / n).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.02));
    DemoModel arrivals = DemoModels.arrivals();
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += arrivals.label(new double[] {1, 0, 0}, new double[] {Math.log(3), 0, 0}, rng);
    }
    assertThat(sum / n).isCloseTo(3.0, org.assertj.core.data.Offset.offset(0.06));
  }

  @Test
  void truthJumpsAtTheDrift() {
    DemoModel clicks = DemoModels.clicks();
    assertThat(clicks.truthAt(999, 1000)).isEqualTo(clicks.truth());
    assertThat(clicks.truthAt(1000, 1000)).isEqualTo(clicks.drifted());
    DemoModel arrivals = DemoModels.arrivals();
    assertThat(arrivals.truthAt(5000, 1000)).isEqualTo(arrivals.truth());
  }
}
