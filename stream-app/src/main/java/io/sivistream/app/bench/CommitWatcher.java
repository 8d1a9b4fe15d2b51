package io.sivistream.app.bench;

import io.sivistream.app.demo.CommittedSummaryReader;
import io.sivistream.schemas.PosteriorSummary;
import io.sivistream.schemas.codec.AvroCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads the posterior summaries as a downstream service would ({@code read_committed}: only what
 * the job's exactly-once sink has committed) and records, for each window, when its summary
 * became visible. The refresh latency of a window is that moment minus the window's end in event
 * time; the producer stamps rows with the wall clock of this same process, so both ends are read
 * from one clock.
 */
final class CommitWatcher implements AutoCloseable {

  /**
   * One committed window.
   *
   * @param modelId      model
   * @param version      window index
   * @param rows         rows in the window
   * @param windowEnd    event-time end of the window, epoch ms (exclusive)
   * @param createdAt    when the update finished, epoch ms
   * @param updateMillis duration of the update itself
   * @param seenAt       when this reader saw the committed summary, epoch ms
   * @param seenNanos    the same moment on the monotonic clock
   * @param partition    where the summary record is on the topic
   * @param offset       its offset there: the same version at two offsets was published twice
   */
  record Window(String modelId, long version, long rows, long windowEnd, long createdAt,
      long updateMillis, long seenAt, long seenNanos, int partition, long offset) {

    /** Window end to committed summary, in seconds. */
    double latencySeconds() {
      return (seenAt - windowEnd) / 1000.0;
    }
  }

  private final CommittedSummaryReader reader;
  private final AvroCodec<PosteriorSummary> codec = AvroCodec.of(PosteriorSummary.class);
  private final List<Window> windows = new ArrayList<>();
  private final AtomicReference<Exception> failure = new AtomicReference<>();

  CommitWatcher(String bootstrap, String topic) {
    reader = new CommittedSummaryReader(bootstrap, topic, "sivistream-bench-watcher", Duration.ofMillis(100),
        this::record, e -> failure.compareAndSet(null, e));
  }

  void start() {
    reader.start();
  }

  /** The committed windows seen so far, in the order seen. */
  synchronized List<Window> windows() {
    return List.copyOf(windows);
  }

  Exception failure() {
    return failure.get();
  }

  private void record(ConsumerRecord<byte[], byte[]> r) {
    long seenAt = System.currentTimeMillis();
    long seenNanos = System.nanoTime();
    PosteriorSummary s = codec.decode(r.value());
    Window w = new Window(s.getModelId(), s.getVersion(), s.getRowsInWindow(),
        s.getWindowEnd().toEpochMilli(), s.getCreatedAt().toEpochMilli(),
        s.getDiagnostics().getUpdateMillis(), seenAt, seenNanos, r.partition(), r.offset());
    synchronized (this) {
      windows.add(w);
    }
  }

  @Override
  public void close() {
    reader.close();
  }
}
