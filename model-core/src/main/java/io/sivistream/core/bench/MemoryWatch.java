package io.sivistream.core.bench;

import org.bytedeco.javacpp.Pointer;

/**
 * Samples the process's resident memory and the native memory JavaCPP tracks (JavaCPP's physicalBytes: RSS, which covers the JVM heap
 * and ND4J's native buffers) every few milliseconds on a daemon thread and keeps the peak.
 */
final class MemoryWatch {

  private final Thread thread;
  private volatile boolean running = true;
  private volatile long peak;
  private volatile long peakNative;

  private MemoryWatch() {
    peak = Pointer.physicalBytes();
    peakNative = Pointer.totalBytes();
    thread = new Thread(() -> {
      while (running) {
        peak = Math.max(peak, Pointer.physicalBytes());
        peakNative = Math.max(peakNative, Pointer.totalBytes());
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "memory-watch");
    thread.setDaemon(true);
    thread.start();
  }

  static MemoryWatch start() {
    return new MemoryWatch();
  }

  long peakBytes() {
    return Math.max(peak, Pointer.physicalBytes());
  }

  /** Peak of the native memory JavaCPP tracks (ND4J's array buffers), in bytes. */
  long peakNativeBytes() {
    return Math.max(peakNative, Pointer.totalBytes());
  }

  void stop() {
    running = false;
    thread.interrupt();
  }
}
