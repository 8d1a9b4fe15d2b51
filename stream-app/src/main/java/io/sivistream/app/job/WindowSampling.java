package io.sivistream.app.job;

import java.util.Arrays;
import java.util.List;

/**
 * The cap on rows a model buffers per open time window, and the uniform sample kept beyond it.
 *
 * <p>Each row gets a pseudo-random key from where it came from (topic, partition, offset), so the
 * same rows get the same keys after a restore and the sample, hence the posterior, is
 * reproducible. A window keeps every row whose key is below its threshold (at first: all); when
 * it holds more than twice the cap, its threshold drops to the cap-th smallest key of its rows and
 * the rows at or above it leave ({@link #compactionThreshold}). At any moment the kept rows of a
 * window are exactly those of its rows whose key is below its current threshold: a uniform sample
 * of it, whatever the arrival order, and each kept row stands for rows seen / rows kept. A window
 * thus holds at most twice the cap, and compaction reads the buffer once per cap rows admitted,
 * so a row costs O(1) amortised. Windows are told apart by the start of the window their event
 * time falls in; late rows (which join the open window) are never sampled out.
 */
final class WindowSampling {

  /**
   * Numbers (features + label per row) a model buffers per open time window before it samples:
   * 2,000,000 doubles, 16 MB of raw values (more as state objects), the same bound as
   * the rows the update keeps in its own state (StreamingUpdate.MAX_RETAINED_VALUES). For the
   * waveform model (21 features + label) that is 90,909 rows; the 50,000 rows/s benchmark with
   * 1-second windows stays below it.
   */
  static final long MAX_BUFFERED_VALUES = 2_000_000;
  /** However wide the rows, at least this many are kept per window. */
  static final int MIN_BUFFERED_ROWS = 1_000;
  /** "No threshold": every row is kept. */
  static final long KEEP_ALL = Long.MAX_VALUE;

  private WindowSampling() {}

  /** Rows kept per model once sampling starts, for rows of {@code features} features. */
  static int cap(int features, long maxBufferedValues) {
    return (int) Math.min(Integer.MAX_VALUE / 2, Math.max(MIN_BUFFERED_ROWS, maxBufferedValues / (features + 1L)));
  }

  /** A row's sampling key, non-negative, a function of its origin only. */
  static long key(RecordOrigin origin, double[] features, long eventTime) {
    long h = origin == null
        ? mix(Arrays.hashCode(features) * 31L + eventTime)
        : mix(mix(origin.topic().hashCode()) ^ mix(origin.partition() + 0x632BE59BD9B4E019L) ^ origin.offset());
    return h >>> 1;
  }

  /**
   * The threshold that keeps exactly {@code cap} of these rows: the cap-th smallest key (rows
   * below it stay). Called when the buffer holds more than twice the cap.
   */
  static long compactionThreshold(List<BufferedRow> rows, int cap) {
    long[] keys = new long[rows.size()];
    for (int i = 0; i < keys.length; i++) {
      BufferedRow r = rows.get(i);
      keys[i] = key(r.origin(), r.features(), r.eventTime());
    }
    Arrays.sort(keys);
    return keys[cap];
  }

  /** SplitMix64's finaliser. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
