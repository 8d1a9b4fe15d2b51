package io.sivistream.app.job;

import java.time.Duration;

/**
 * When a model's window closes: after a number of rows, or when the event-time watermark passes
 * the end of a fixed window of {@code duration} (windows are aligned to the epoch).
 *
 * @param rows     rows per window, or 0 for event-time windows
 * @param duration event-time window length, or null for row-count windows
 */
public record WindowPolicy(int rows, Duration duration) {

  public WindowPolicy {
    boolean byRows = rows > 0;
    boolean byTime = duration != null;
    if (rows < 0) {
      throw new IllegalArgumentException("windowRows must be > 0, got " + rows);
    }
    if (byRows == byTime) {
      throw new IllegalArgumentException("exactly one of windowRows and windowSeconds must be set,"
          + " got windowRows=" + rows + ", windowSeconds="
          + (duration == null ? "none" : duration.toMillis() / 1000.0));
    }
    if (byTime && (duration.isNegative() || duration.toMillis() < 1)) {
      throw new IllegalArgumentException(
          "windowSeconds must be >= 0.001, got " + duration.toMillis() / 1000.0);
    }
  }

  /** Close a window every {@code rows} rows. */
  public static WindowPolicy rows(int rows) {
    return new WindowPolicy(rows, null);
  }

  /** Close a window when the watermark passes the end of each {@code duration} of event time. */
  public static WindowPolicy eventTime(Duration duration) {
    return new WindowPolicy(0, duration);
  }

  /** True for row-count windows. */
  public boolean byRows() {
    return rows > 0;
  }
}
