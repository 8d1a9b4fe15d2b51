package io.sivistream.app.job;

/**
 * Per-model bookkeeping kept in one keyed {@code ValueState} (one state read and write per
 * element instead of several). A mutable Flink POJO: public fields, no-arg constructor.
 */
public class WindowProgress {

  /** Marker for "not set" in the time fields. */
  public static final long NONE = Long.MIN_VALUE;

  /** Windows closed so far; the next window's index (version) is this + 1. */
  public long windowsDone;
  /** Rows in the buffer list state (kept here so that counting needs no list read). */
  public int bufferedRows;
  /** Late rows that will go into the next window to close. */
  public long lateInWindow;
  /** Late rows of this model since it started. */
  public long lateTotal;
  /** Processing time when rows of a still unknown model started waiting, or NONE. */
  public long waitingSince = NONE;
  /** Pending processing-time timer that re-checks for the spec, or NONE. */
  public long waitTimer = NONE;
  /** Window policy the buffered rows were admitted under: rows per window (0 = time windows). */
  public int admittedRows;
  /** Window policy the buffered rows were admitted under: window ms (0 = row windows). */
  public long admittedMillis;
  /** Windows whose update failed since the last published update (reported, then reset). */
  public long failedWindows;
  /** Why the last of those failed ("" when none). */
  public String lastFailure = "";
  /** Times this model id was deleted and registered again; versions restart in each epoch. */
  public long epoch;

  /** True once rows have been admitted under the given policy (timers set, counts checked). */
  boolean admittedUnder(SpecUpdate spec) {
    return admittedRows == spec.windowRows() && admittedMillis == spec.windowMillis();
  }
}
