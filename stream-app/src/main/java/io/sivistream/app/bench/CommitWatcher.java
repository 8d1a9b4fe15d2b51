package io.sivistream.app.bench;

import io.sivistream.schemas.PosteriorSummary;
import io.sivistream.schemas.codec.AvroCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

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
   */
  record Window(String modelId, long version, long rows, long windowEnd, long createdAt,
      long updateMillis, long seenAt, long seenNanos) {

    /** Window end to committed summary, in seconds. */
    double latencySeconds() {
      return (seenAt - windowEnd) / 1000.0;
    }
  }

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Thread thread;
  private final List<Window> windows = new ArrayList<>();
  private final AtomicReference<Exception> failure = new AtomicReference<>();

  CommitWatcher(String bootstrap, String topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "sivistream-bench-watcher");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "sivistream-bench-watcher");
    consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    consumer.subscribe(List.of(topic));
    thread = new Thread(this::run, "sivistream-bench-watcher");
    thread.setDaemon(true);
  }

  private volatile boolean started;

  void start() {
    started = true;
    thread.start();
  }

  /** The committed windows seen so far, in the order seen. */
  synchronized List<Window> windows() {
    return List.copyOf(windows);
  }

  Exception failure() {
    return failure.get();
  }

  private void run() {
    AvroCodec<PosteriorSummary> codec = AvroCodec.of(PosteriorSummary.class);
    try {
      while (true) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
          long seenAt = System.currentTimeMillis();
          long seenNanos = System.nanoTime();
          PosteriorSummary s = codec.decode(r.value());
          Window w = new Window(s.getModelId(), s.getVersion(), s.getRowsInWindow(),
              s.getWindowEnd().toEpochMilli(), s.getCreatedAt().toEpochMilli(),
              s.getDiagnostics().getUpdateMillis(), seenAt, seenNanos);
          synchronized (this) {
            windows.add(w);
          }
        }
      }
    } catch (WakeupException e) {
      // close() asked us to stop
    } catch (Exception e) {
      failure.compareAndSet(null, e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  @Override
  public void close() {
    if (!started) {
      consumer.close(Duration.ofSeconds(5));
      return;
    }
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
