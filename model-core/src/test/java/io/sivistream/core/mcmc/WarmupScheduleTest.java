package io.sivistream.core.mcmc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WarmupScheduleTest {

  @Test
  void defaultWarmupHasStansWindows() {
    // 75 initial, slow windows of 25, 50, 100, 200 and a last one stretched to 500, 50 terminal.
    WarmupSchedule s = WarmupSchedule.of(1000);
    assertThat(s.windowEnds()).containsExactly(99, 149, 249, 449, 949);
    assertThat(s.collects(74)).isFalse();
    assertThat(s.collects(75)).isTrue();
    assertThat(s.collects(949)).isTrue();
    assertThat(s.collects(950)).isFalse();
    assertThat(s.endsWindow(99)).isTrue();
    assertThat(s.endsWindow(100)).isFalse();
  }

  @Test
  void exactlyOneBaseWindowFitsIn150() {
    assertThat(WarmupSchedule.of(150).windowEnds()).containsExactly(99);
  }

  @Test
  void shortWarmupScalesTheBuffers() {
    // 15% initial (15), 10% terminal (10), one window of the remaining 75.
    WarmupSchedule s = WarmupSchedule.of(100);
    assertThat(s.windowEnds()).containsExactly(89);
    assertThat(s.collects(14)).isFalse();
    assertThat(s.collects(15)).isTrue();
    assertThat(s.collects(90)).isFalse();
  }

  @Test
  void veryShortWarmupAdaptsNoMetric() {
    WarmupSchedule s = WarmupSchedule.of(19);
    assertThat(s.windowEnds()).isEmpty();
    for (int it = 0; it < 19; it++) {
      assertThat(s.collects(it)).isFalse();
      assertThat(s.endsWindow(it)).isFalse();
    }
  }
}
