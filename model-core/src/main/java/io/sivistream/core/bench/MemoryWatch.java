package io.sivistream.core.bench;

import org.bytedeco.javacpp.Pointer;

/**
 * Samples the process's resident memory (JavaCPP's physicalBytes: RSS, which covers the JVM heap
 * and ND4J's native buffers) every few milliseconds on a daemon thread and keeps the peak.
 */
final class MemoryWatch {

  private final Thread thread;
  private volatile boolean running = true;
  private volatile long peak;

  private MemoryWatch() {
    peak = Pointer.physicalBytes();
    thread = new Thread(() -> {
      while (running) {
        peak = Math.max(peak, Pointer.physicalBytes());
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

  void stop() {
    running = false;
    thread.interrupt();
  }
}
