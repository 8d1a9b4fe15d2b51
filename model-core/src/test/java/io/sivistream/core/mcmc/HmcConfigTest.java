package io.sivistream.core.mcmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HmcConfigTest {

  @Test
  void defaultIsStansDefaultRun() {
    HmcConfig c = HmcConfig.DEFAULT;
    assertThat(c.chains()).isEqualTo(4);
    assertThat(c.warmup()).isEqualTo(1000);
    assertThat(c.draws()).isEqualTo(4000);
    assertThat(c.drawsPerChain()).isEqualTo(1000);
    assertThat(c.seed()).isEqualTo(1L);
    assertThat(c.maxTreeDepth()).isEqualTo(10);
    assertThat(c.targetAccept()).isEqualTo(0.8);
  }

  @Test
  void withersChangeOneThing() {
    assertThat(HmcConfig.DEFAULT.withSeed(9).seed()).isEqualTo(9);
    assertThat(HmcConfig.DEFAULT.withWarmup(10).warmup()).isEqualTo(10);
    HmcConfig c = HmcConfig.DEFAULT.withChainsAndDraws(2, 100);
    assertThat(c.drawsPerChain()).isEqualTo(50);
    assertThat(c.maxTreeDepth()).isEqualTo(10);
  }

  @Test
  void rejectsBadValuesNamingTheParameter() {
    assertThatThrownBy(() -> new HmcConfig(0, 1000, 4000, 1, 10, 0.8))
        .hasMessage("hmc.chains must be >= 1, got 0");
    assertThatThrownBy(() -> new HmcConfig(4, -1, 4000, 1, 10, 0.8))
        .hasMessage("hmc.warmup must be >= 0, got -1");
    assertThatThrownBy(() -> new HmcConfig(4, 1000, 3, 1, 10, 0.8))
        .hasMessage("hmc.draws must be >= chains (4), got 3");
    assertThatThrownBy(() -> new HmcConfig(4, 1000, 4001, 1, 10, 0.8))
        .hasMessageContaining("hmc.draws must be a multiple of chains (4)")
        .hasMessageContaining("got 4001; use 4000 or 4004");
    assertThatThrownBy(() -> new HmcConfig(4, 1000, 4000, 1, 0, 0.8))
        .hasMessage("hmc.maxTreeDepth must be in 1..30, got 0");
    assertThatThrownBy(() -> new HmcConfig(4, 1000, 4000, 1, 10, 1.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("hmc.targetAccept must be in (0, 1), got 1.0");
  }
}
