package io.sivistream.app.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a long-running command ({@code demo}, {@code kafka}, {@code run}) alive for a number of
 * seconds or until Ctrl-C, then stops what it started. On Ctrl-C the JVM runs a shutdown hook that
 * closes the resource; after a normal end the hook is removed, so that in-process runs (tests)
 * leave nothing behind.
 */
final class UntilStopped {

  private UntilStopped() {}

  /**
   * Waits, then closes {@code resource} (exactly once, whichever comes first).
   *
   * @param seconds  how long to run, or null for "until Ctrl-C"
   * @param resource what to stop
   * @return true when the time ran out, false when Ctrl-C (or {@code ended}) stopped it
   */
  static boolean await(Integer seconds, AutoCloseable resource) throws Exception {
    return await(seconds, resource, new CountDownLatch(1));
  }

  /**
   * Like {@link #await(Integer, AutoCloseable)}, also returning early once {@code ended} is
   * counted down (e.g. when a job finishes by itself).
   */
  static boolean await(Integer seconds, AutoCloseable resource, CountDownLatch ended)
      throws Exception {
    Once once = new Once(resource);
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      once.run();
      stopped.countDown();
    }, "sivistream-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    boolean timedOut;
    try {
      long deadline = seconds == null ? Long.MAX_VALUE
          : System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      while (true) {
        if (stopped.await(200, TimeUnit.MILLISECONDS) || ended.getCount() == 0) {
          timedOut = false;
          break;
        }
        if (System.nanoTime() >= deadline) {
          timedOut = true;
          break;
        }
      }
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is shutting down (Ctrl-C): the hook closes the resource
      }
    }
    once.run();
    return timedOut;
  }

  /** Closes the resource at most once, from whichever thread gets there first. */
  private static final class Once {
    private final AutoCloseable resource;
    private boolean done;

    Once(AutoCloseable resource) {
      this.resource = resource;
    }

    synchronized void run() {
      if (done) {
        return;
      }
      done = true;
      try {
        resource.close();
      } catch (Exception e) {
        System.err.println(ErrorHandler.PREFIX + "while stopping: " + e);
      }
    }
  }
}
