package io.sivistream.core.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ComputeDevicesTest {

  @Test
  void theCpuBackendHasOneDeviceAndRefusesOthers() {
    assertThat(ComputeDevices.count()).isEqualTo(1);
    ComputeDevices.useOnThisThread(0);
    assertThatThrownBy(() -> ComputeDevices.useOnThisThread(1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("device 1 requested").hasMessageContaining("sees 1 device (0..0)");
  }
}
