package io.sivistream.app.demo;

import io.sivistream.schemas.PosteriorSummary;
import io.sivistream.schemas.codec.AvroCodec;
import io.sivistream.schemas.codec.DecodeException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads committed posterior summaries ({@code read_committed}: only what the job's exactly-once
 * sink has committed) and prints one line per update: model, version, rows, each coefficient's
 * posterior mean ± sd with the true value of the window's end in brackets, and the update time.
 */
final class SummaryPrinter implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SummaryPrinter.class);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Map<String, DemoModel> models;
  private final long driftAt;
  private final long startMillis;
  private final PrintWriter out;
  private final AtomicInteger printed = new AtomicInteger();
  private final Map<String, Long> rowsTotal = new java.util.concurrent.ConcurrentHashMap<>();
  private final Thread thread;

  SummaryPrinter(String bootstrap, String topic, List<DemoModel> models, long driftAt,
      long startMillis, PrintWriter out) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "sivistream-demo-printer");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "sivistream-demo-printer");
    this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
    consumer.subscribe(List.of(topic));
    this.models = models.stream().collect(Collectors.toMap(DemoModel::id, Function.identity()));
    this.driftAt = driftAt;
    this.startMillis = startMillis;
    this.out = out;
    this.thread = new Thread(this::run, "sivistream-demo-printer");
    thread.setDaemon(true);
  }

  private volatile boolean started;

  void start() {
    started = true;
    thread.start();
  }

  /** Update lines printed so far. */
  int printed() {
    return printed.get();
  }

  /** The smallest rowsTotal printed over the models (0 until every model has a line). */
  long minRowsTotal() {
    if (rowsTotal.size() < models.size()) {
      return 0;
    }
    return rowsTotal.values().stream().mapToLong(Long::longValue).min().orElse(0);
  }

  private void run() {
    AvroCodec<PosteriorSummary> codec = AvroCodec.of(PosteriorSummary.class);
    try {
      while (true) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          try {
            print(codec.decode(r.value()));
          } catch (DecodeException e) {
            LOG.warn("skipping an unreadable posterior summary at offset {}: {}", r.offset(),
                e.getMessage());
          }
        }
      }
    } catch (WakeupException e) {
      // close() asked us to stop
    } catch (RuntimeException e) {
      LOG.error("demo printer stopped: {}", e.toString());
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void print(PosteriorSummary s) {
    DemoModel m = models.get(s.getModelId());
    double[] truth = m == null ? null : m.truthAt(s.getWindowEnd().toEpochMilli(), driftAt);
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "[%6.1fs] %-7s v%-3d rows %4d/%-6d",
        (System.currentTimeMillis() - startMillis) / 1000.0, s.getModelId(), s.getVersion(),
        s.getRowsInWindow(), s.getRowsTotal()));
    List<String> names = s.getParameterNames();
    for (int j = 0; j < names.size(); j++) {
      line.append(String.format(Locale.ROOT, "  %s %+.2f±%.2f", names.get(j), s.getMean().get(j),
          s.getSd().get(j)));
      if (truth != null) {
        line.append(String.format(Locale.ROOT, " (true %+.2f)", truth[j]));
      }
    }
    line.append(String.format(Locale.ROOT, "  [%d it, %d ms%s]",
        s.getDiagnostics().getIterations(), s.getDiagnostics().getUpdateMillis(),
        s.getDiagnostics().getStatus().name().equals("OK") ? "" : ", "
            + s.getDiagnostics().getStatus()));
    synchronized (out) {
      out.println(line);
      out.flush();
    }
    printed.incrementAndGet();
    rowsTotal.merge(s.getModelId(), s.getRowsTotal(), Math::max);
  }

  /** Stops the consumer thread. */
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
