package io.sivistream.app.demo;

import io.sivistream.schemas.PosteriorSummary;
import io.sivistream.schemas.codec.AvroCodec;
import io.sivistream.schemas.codec.DecodeException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads committed posterior summaries ({@code read_committed}: only what the job's exactly-once
 * sink has committed) and prints one line per update: model, version, rows, each coefficient's
 * posterior mean ± sd with the true value of the window's end in brackets, and the update time.
 */
final class SummaryPrinter implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SummaryPrinter.class);

  private final CommittedSummaryReader reader;
  private final AvroCodec<PosteriorSummary> codec = AvroCodec.of(PosteriorSummary.class);
  private final Map<String, DemoModel> models;
  private final long driftAt;
  private final long startMillis;
  private final PrintWriter out;
  private final AtomicInteger printed = new AtomicInteger();
  private final Map<String, Long> rowsTotal = new java.util.concurrent.ConcurrentHashMap<>();

  SummaryPrinter(String bootstrap, String topic, List<DemoModel> models, long driftAt,
      long startMillis, PrintWriter out) {
    this.models = models.stream().collect(Collectors.toMap(DemoModel::id, Function.identity()));
    this.driftAt = driftAt;
    this.startMillis = startMillis;
    this.out = out;
    this.reader = new CommittedSummaryReader(bootstrap, topic, "sivistream-demo-printer", Duration.ofMillis(500),
        this::printRecord, e -> LOG.error("demo printer stopped: {}", e.toString()));
  }

  void start() {
    reader.start();
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

  private void printRecord(ConsumerRecord<byte[], byte[]> r) {
    try {
      print(codec.decode(r.value()));
    } catch (DecodeException e) {
      LOG.warn("skipping an unreadable posterior summary at offset {}: {}", r.offset(), e.getMessage());
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
    reader.close();
  }
}
