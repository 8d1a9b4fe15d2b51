package io.sivistream.app.job;

/**
 * The closed window an update is for, as the job knows it.
 *
 * @param modelId     the model
 * @param index       1 for the model's first window, then 2, 3, ...; the published version
 * @param windowStart event-time start (epoch ms, inclusive) for event-time windows, else the first
 *                    row's event time
 * @param windowEnd   event-time end (epoch ms, exclusive) for event-time windows, else the last
 *                    row's event time
 * @param lateRows    rows that arrived after their own window had closed and were put in this one
 * @param failedWindows windows of this model since its last published update whose update failed
 *                    (their rows went to dead letters); the update reports them as DEGRADED
 * @param lastFailure why the last of those failed, or "" when none did
 * @param epoch       times the model id was deleted and registered again (0 at first)
 * @param rowsSeen    rows the window held when the job kept only a uniform sample of them (the
 *                    rows passed to the update), so each passed row stands for rowsSeen / passed;
 *                    0 when every row is passed
 */
public record WindowInfo(String modelId, long index, long windowStart, long windowEnd,
    long lateRows, long failedWindows, String lastFailure, long epoch, long rowsSeen) {

  /** A window whose every row is passed. */
  public WindowInfo(String modelId, long index, long windowStart, long windowEnd,
      long lateRows, long failedWindows, String lastFailure, long epoch) {
    this(modelId, index, windowStart, windowEnd, lateRows, failedWindows, lastFailure, epoch, 0);
  }

  /** A window of a model's first epoch with no failed window before it. */
  public WindowInfo(String modelId, long index, long windowStart, long windowEnd, long lateRows) {
    this(modelId, index, windowStart, windowEnd, lateRows, 0, "", 0);
  }
}
