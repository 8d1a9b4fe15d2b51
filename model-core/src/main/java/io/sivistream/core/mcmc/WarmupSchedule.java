package io.sivistream.core.mcmc;

import java.util.ArrayList;
import java.util.List;

/**
 * Stan's windowed warmup schedule: a fast initial buffer (75 iterations) where only the step size
 * adapts, slow windows (25, 50, 100, ... iterations, the last stretched to the end) whose draws
 * estimate the diagonal metric, and a fast terminal buffer (50) for the step size alone. Shorter
 * warmups scale the buffers to 15% / 10%; below 20 iterations the metric is not adapted.
 *
 * <p>Iterations are counted from 0. After the iteration that {@link #endsWindow} reports, the metric
 * is updated from the draws collected since the previous window end.
 */
final class WarmupSchedule {

  private final int warmup;
  private final int initBuffer;
  private final int termBuffer;
  private final boolean adaptsMetric;
  private final List<Integer> windowEnds;

  private WarmupSchedule(int warmup, int initBuffer, int termBuffer, boolean adaptsMetric, List<Integer> ends) {
    this.warmup = warmup;
    this.initBuffer = initBuffer;
    this.termBuffer = termBuffer;
    this.adaptsMetric = adaptsMetric;
    this.windowEnds = List.copyOf(ends);
  }

  /** The schedule for {@code warmup} iterations (Stan's windowed_adaptation, same arithmetic). */
  static WarmupSchedule of(int warmup) {
    if (warmup < 20) {
      return new WarmupSchedule(warmup, warmup, 0, false, List.of());
    }
    int init = 75;
    int term = 50;
    int base = 25;
    if (init + base + term > warmup) {
      init = (int) (0.15 * warmup);
      term = (int) (0.1 * warmup);
      base = warmup - (init + term);
    }
    int lastEnd = warmup - term - 1;
    List<Integer> ends = new ArrayList<>();
    int size = base;
    int next = init + size - 1;
    while (next <= lastEnd) {
      ends.add(next);
      if (next == lastEnd) {
        break;
      }
      int counter = next;
      size *= 2;
      next = counter + size;
      // Stretch this window to the end rather than leave a final one shorter than twice its size.
      if (next != lastEnd && next + 2 * size >= warmup - term) {
        next = lastEnd;
      }
    }
    return new WarmupSchedule(warmup, init, term, true, ends);
  }

  /** Whether the draw of iteration {@code it} goes into the metric estimate. */
  boolean collects(int it) {
    return adaptsMetric && it >= initBuffer && it < warmup - termBuffer;
  }

  /** Whether iteration {@code it} closes a slow window (update the metric, restart step size). */
  boolean endsWindow(int it) {
    return adaptsMetric && windowEnds.contains(it);
  }

  /** The closing iterations of the slow windows, in order. */
  List<Integer> windowEnds() {
    return windowEnds;
  }
}
