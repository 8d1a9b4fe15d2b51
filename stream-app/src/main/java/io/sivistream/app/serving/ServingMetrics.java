package io.sivistream.app.serving;

import io.sivistream.schemas.DeadLetterCause;
import io.sivistream.schemas.PosteriorSummary;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;

/**
 * The serving app's counters, written as Prometheus text (exposition format 0.0.4) by
 * {@link #write}. Counters are updated by the stream processors and the HTTP server; gauges of
 * the posteriors (version, age, publish delay, rows, update time) are read from the view at
 * scrape time. Thread-safe.
 */
public final class ServingMetrics {

  /** Upper bounds of the HTTP latency histogram buckets, in seconds. */
  static final double[] BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};

  private final Map<String, LongAdder> summariesRead = new ConcurrentSkipListMap<>();
  private final Map<String, LongAdder> predictions = new ConcurrentSkipListMap<>();
  private final Map<String, LongAdder> badRecords = new ConcurrentSkipListMap<>();
  private final Map<DeadLetterCause, LongAdder> deadLetters = new ConcurrentSkipListMap<>();
  private final Map<String, Route> routes = new ConcurrentSkipListMap<>();
  private volatile DoubleSupplier consumerLag = () -> Double.NaN;

  /** A posterior summary was read from the summaries topic. */
  void summaryRead(String modelId) {
    summariesRead.computeIfAbsent(modelId, k -> new LongAdder()).increment();
  }

  /** A prediction record was written; {@code outcome} is ok or the error kind. */
  void predicted(String outcome) {
    predictions.computeIfAbsent(outcome, k -> new LongAdder()).increment();
  }

  /** A dead letter was written. */
  void deadLetter(DeadLetterCause cause) {
    deadLetters.computeIfAbsent(cause, k -> new LongAdder()).increment();
  }

  /** A record that does not decode was skipped on a topic the app only reads. */
  void badRecord(String topic) {
    badRecords.computeIfAbsent(topic, k -> new LongAdder()).increment();
  }

  /** One HTTP request served. */
  void request(String route, int status, double seconds) {
    routes.computeIfAbsent(route, k -> new Route()).record(status, seconds);
  }

  /** Where the consumer lag (records behind, max over partitions) comes from. */
  void consumerLag(DoubleSupplier lag) {
    this.consumerLag = lag;
  }

  /** Prometheus text of every metric; {@code view} supplies the per-model gauges. */
  String write(PosteriorView view, Instant now) {
    StringBuilder b = new StringBuilder(4096);
    List<PosteriorSummary> latest = view.latestAll();
    header(b, "sivistream_posterior_updates_total", "counter",
        "Posterior summaries read from the summaries topic, per model.");
    summariesRead.forEach((m, n) -> sample(b, "sivistream_posterior_updates_total", "model", m,
        n.sum()));
    header(b, "sivistream_posterior_version", "gauge", "Latest posterior version per model.");
    latest.forEach(s -> sample(b, "sivistream_posterior_version", "model", s.getModelId(),
        s.getVersion()));
    header(b, "sivistream_posterior_age_seconds", "gauge",
        "Seconds since the latest posterior of each model was published.");
    latest.forEach(s -> sample(b, "sivistream_posterior_age_seconds", "model", s.getModelId(),
        seconds(s.getCreatedAt(), now)));
    header(b, "sivistream_posterior_publish_lag_seconds", "gauge",
        "Seconds from the end of the latest window (event time) to its posterior's publication.");
    latest.forEach(s -> sample(b, "sivistream_posterior_publish_lag_seconds", "model",
        s.getModelId(), seconds(s.getWindowEnd(), s.getCreatedAt())));
    header(b, "sivistream_posterior_update_seconds", "gauge",
        "Duration of the SIVI-SM update that produced the latest posterior.");
    latest.forEach(s -> sample(b, "sivistream_posterior_update_seconds", "model", s.getModelId(),
        s.getDiagnostics().getUpdateMillis() / 1000.0));
    header(b, "sivistream_posterior_rows_total", "gauge",
        "Observations behind the latest posterior of each model.");
    latest.forEach(s -> sample(b, "sivistream_posterior_rows_total", "model", s.getModelId(),
        s.getRowsTotal()));
    header(b, "sivistream_serve_consumer_lag_records", "gauge",
        "Records the serving app's consumers are behind (max over partitions; NaN before the first fetch).");
    b.append("sivistream_serve_consumer_lag_records ").append(number(consumerLag.getAsDouble()))
        .append('\n');
    header(b, "sivistream_predictions_total", "counter",
        "Prediction records written to the predictions topic, by outcome.");
    predictions.forEach((o, n) -> sample(b, "sivistream_predictions_total", "outcome", o, n.sum()));
    header(b, "sivistream_dead_letters_total", "counter",
        "Dead letters written by the serving app, by cause.");
    for (DeadLetterCause c : List.of(DeadLetterCause.UNDECODABLE,
        DeadLetterCause.PREDICTION_ERROR)) {
      LongAdder n = deadLetters.get(c);
      sample(b, "sivistream_dead_letters_total", "cause", c.name(), n == null ? 0 : n.sum());
    }
    header(b, "sivistream_serve_bad_records_total", "counter",
        "Undecodable records skipped on the topics the serving app materialises.");
    badRecords.forEach((t, n) -> sample(b, "sivistream_serve_bad_records_total", "topic", t,
        n.sum()));
    header(b, "sivistream_http_requests_total", "counter", "HTTP requests by route and status.");
    routes.forEach((r, route) -> route.statuses.forEach((status, n) -> b
        .append("sivistream_http_requests_total{route=\"").append(escape(r)).append("\",status=\"")
        .append(status).append("\"} ").append(n.sum()).append('\n')));
    header(b, "sivistream_http_request_seconds", "histogram", "HTTP request latency by route.");
    routes.forEach((r, route) -> route.write(b, escape(r)));
    return b.toString();
  }

  private static void header(StringBuilder b, String name, String type, String help) {
    b.append("# HELP ").append(name).append(' ').append(help).append('\n');
    b.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static void sample(StringBuilder b, String name, String label, String value, double v) {
    b.append(name).append('{').append(label).append("=\"").append(escape(value)).append("\"} ")
        .append(number(v)).append('\n');
  }

  private static double seconds(Instant from, Instant to) {
    return (to.toEpochMilli() - from.toEpochMilli()) / 1000.0;
  }

  static String number(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  /** Request counts by status and a latency histogram of one route. */
  private static final class Route {
    final Map<Integer, LongAdder> statuses = new ConcurrentSkipListMap<>();
    final AtomicLong[] buckets = new AtomicLong[BUCKETS.length];
    final LongAdder count = new LongAdder();
    final DoubleAdder sum = new DoubleAdder();

    Route() {
      for (int i = 0; i < buckets.length; i++) {
        buckets[i] = new AtomicLong();
      }
    }

    void record(int status, double seconds) {
      statuses.computeIfAbsent(status, k -> new LongAdder()).increment();
      for (int i = 0; i < BUCKETS.length; i++) {
        if (seconds <= BUCKETS[i]) {
          buckets[i].incrementAndGet();
        }
      }
      count.increment();
      sum.add(seconds);
    }

    void write(StringBuilder b, String route) {
      for (int i = 0; i < BUCKETS.length; i++) {
        b.append("sivistream_http_request_seconds_bucket{route=\"").append(route)
            .append("\",le=\"").append(BUCKETS[i]).append("\"} ").append(buckets[i].get())
            .append('\n');
      }
      b.append("sivistream_http_request_seconds_bucket{route=\"").append(route)
          .append("\",le=\"+Inf\"} ").append(count.sum()).append('\n');
      b.append("sivistream_http_request_seconds_sum{route=\"").append(route).append("\"} ")
          .append(number(sum.sum())).append('\n');
      b.append("sivistream_http_request_seconds_count{route=\"").append(route).append("\"} ")
          .append(count.sum()).append('\n');
    }
  }
}
