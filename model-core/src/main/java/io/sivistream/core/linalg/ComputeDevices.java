package io.sivistream.core.linalg;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Which device ND4J computes on, per thread. On the CPU backend there is one device and nothing
 * to choose; on the CUDA backend each thread is bound to one GPU, device 0 unless told otherwise.
 */
public final class ComputeDevices {

  private ComputeDevices() {}

  /** Devices the active backend sees: 1 on the CPU backend, the visible GPUs on CUDA. */
  public static int count() {
    return Nd4j.getAffinityManager().getNumberOfDevices();
  }

  /**
   * Binds the calling thread's ND4J work to device {@code index} (0-based, as the backend
   * numbers its visible devices).
   *
   * @throws IllegalArgumentException if the backend has no such device
   */
  public static void useOnThisThread(int index) {
    int n = count();
    if (index < 0 || index >= n) {
      throw new IllegalArgumentException("device " + index + " requested, but ND4J's "
          + Nd4j.getBackend().getClass().getSimpleName() + " sees " + n + " device"
          + (n == 1 ? "" : "s") + " (0.." + (n - 1) + ")");
    }
    if (n > 1) {
      Nd4j.getAffinityManager().unsafeSetDevice(index);
    }
  }
}
