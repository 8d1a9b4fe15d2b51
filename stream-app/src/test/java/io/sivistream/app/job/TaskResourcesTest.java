package io.sivistream.app.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TaskResourcesTest {

  @Test
  void aTaskWithoutGpusComputesOnNone() {
    assertThat(TaskResources.cpuOnly(3).gpu()).isEqualTo(-1);
  }

  @Test
  void oneGpuPerTaskManagerIsThatGpuAndMoreSlotsShareThemRoundRobin() {
    assertThat(new TaskResources(0, List.of("0")).gpu()).isZero();
    assertThat(new TaskResources(5, List.of("0")).gpu()).isZero();
    List<String> two = List.of("1", "3");
    assertThat(List.of(0, 1, 2, 3)).extracting(i -> new TaskResources(i, two).gpu())
        .containsExactly(1, 3, 1, 3);
  }

  @Test
  void anIndexThatIsNotANumberIsReported() {
    assertThatThrownBy(() -> new TaskResources(0, List.of("GPU-5f1c")).gpu())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'GPU-5f1c'");
  }
}
