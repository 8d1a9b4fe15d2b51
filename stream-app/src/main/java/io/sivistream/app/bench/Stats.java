package io.sivistream.app.bench;

import java.util.Arrays;
import java.util.List;

/** The benchmark's arithmetic: percentiles of latency samples and rates of counters. */
public final class Stats {

  private Stats() {}

  /**
   * The p-th percentile of {@code samples} by the nearest-rank method: the smallest sample with at
   * least p% of the samples at or below it (p99 of 10 samples is the largest). Nearest rank never
   * invents a value between two samples, which suits latencies of a few dozen windows.
   *
   * @param samples any order, not changed
   * @param p       in (0, 100]
   * @return the percentile, or NaN for no samples
   */
  public static double percentile(List<Double> samples, double p) {
    if (!(p > 0 && p <= 100)) {
      throw new IllegalArgumentException("percentile must be in (0, 100], got " + p);
    }
    if (samples.isEmpty()) {
      return Double.NaN;
    }
    double[] sorted = samples.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(rank, 1) - 1];
  }

  /**
   * Events per second between two readings of a counter.
   *
   * @param countFrom counter at {@code nanosFrom}
   * @param countTo   counter at {@code nanosTo}
   * @return (countTo − countFrom) / seconds, or 0 when no time passed
   */
  public static double rate(long countFrom, long nanosFrom, long countTo, long nanosTo) {
    long nanos = nanosTo - nanosFrom;
    if (nanos <= 0) {
      return 0;
    }
    return (countTo - countFrom) / (nanos / 1e9);
  }
}
