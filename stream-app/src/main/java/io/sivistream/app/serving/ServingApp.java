package io.sivistream.app.serving;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.Metric;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The serving app: the {@link ServingTopology} on Kafka Streams plus the HTTP server
 * ({@link HttpApi}). {@link #close()} stops the HTTP server, then Kafka Streams, and deletes a
 * temporary state folder.
 *
 * <pre>{@code
 * try (ServingApp app = ServingApp.start(ServingConfig.builder("127.0.0.1:9092").httpPort(8080).build(),
 *     TrueValues.NONE)) {
 *   System.out.println("dashboard at " + app.url());
 *   ...
 * }
 * }</pre>
 */
public final class ServingApp implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ServingApp.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
  private static final int HTTP_THREADS = 4;

  private final KafkaStreams streams;
  private final HttpServer http;
  private final ExecutorService httpThreads;
  private final Path tempStateDir;
  private final String url;
  private boolean closed;

  private ServingApp(KafkaStreams streams, HttpServer http, ExecutorService httpThreads,
      Path tempStateDir) {
    this.streams = streams;
    this.http = http;
    this.httpThreads = httpThreads;
    this.tempStateDir = tempStateDir;
    InetSocketAddress a = http.getAddress();
    this.url = (http instanceof com.sun.net.httpserver.HttpsServer ? "https://" : "http://")
        + a.getHostString() + ":" + a.getPort() + "/";
  }

  /**
   * Starts Kafka Streams and the HTTP server; returns once the HTTP port is bound (the stores
   * fill in the background; /health says when they are ready).
   *
   * @throws IOException when the HTTP port cannot be bound (the message names host and port)
   */
  public static ServingApp start(ServingConfig config, TrueValues truth) throws IOException {
    Path temp = config.stateDir() == null ? Files.createTempDirectory("sivistream-serve-") : null;
    Path stateDir = temp != null ? temp : config.stateDir();
    ServingMetrics metrics = new ServingMetrics();
    KafkaStreams streams = new KafkaStreams(ServingTopology.build(config, metrics),
        properties(config, stateDir));
    streams.setUncaughtExceptionHandler(e -> {
      LOG.error("serving: a stream thread failed; replacing it", e);
      return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler
          .StreamThreadExceptionResponse.REPLACE_THREAD;
    });
    metrics.consumerLag(() -> consumerLag(streams));
    HttpServer http;
    try {
      InetSocketAddress address = new InetSocketAddress(config.httpHost(), config.httpPort());
      http = config.httpTls() == null ? HttpServer.create(address, 0)
          : config.httpTls().server(address);
    } catch (IOException e) {
      streams.close();
      deleteTree(temp);
      throw new IOException("cannot serve HTTP on " + config.httpHost() + ":" + config.httpPort()
          + " (" + e.getMessage() + "); choose another port, or 0 for any free one", e);
    }
    PosteriorView view = new StoreView(name -> store(streams, name));
    http.createContext("/", new HttpApi(view, new Predictor(), metrics,
        () -> streams.state().name(), truth, config.httpAuth()));
    AtomicInteger n = new AtomicInteger();
    ExecutorService threads = Executors.newFixedThreadPool(HTTP_THREADS, r -> {
      Thread t = new Thread(r, "sivistream-http-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    http.setExecutor(threads);
    streams.start();
    http.start();
    ServingApp app = new ServingApp(streams, http, threads, temp);
    LOG.info("serving: HTTP at {}, reading {} at {}", app.url, config.summariesTopic(),
        config.bootstrapServers());
    return app;
  }

  /** Base URL of the HTTP server, e.g. {@code http://127.0.0.1:8080/}. */
  public String url() {
    return url;
  }

  /** The bound HTTP port. */
  public int port() {
    return http.getAddress().getPort();
  }

  /** Kafka Streams' state (CREATED, REBALANCING, RUNNING, ...). */
  public KafkaStreams.State state() {
    return streams.state();
  }

  static Properties properties(ServingConfig c, Path stateDir) {
    Properties p = new Properties();
    p.putAll(c.kafkaProperties());
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, c.applicationId());
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, c.bootstrapServers());
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    // the posterior topics are written in transactions (the job's exactly-once sink): read only
    // committed records, in every consumer (main, restore and global)
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.ISOLATION_LEVEL_CONFIG), "read_committed");
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    // answers should leave within a fraction of a second, not at the default 30 s commit
    p.putIfAbsent(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "200");
    p.putIfAbsent(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "1");
    return p;
  }

  private static ReadOnlyKeyValueStore<String, ?> store(KafkaStreams streams, String name) {
    return streams.store(StoreQueryParameters.fromNameAndType(name,
        QueryableStoreTypes.<String, Object>keyValueStore()));
  }

  /** The largest records-lag-max over the app's consumers; NaN before any fetch. */
  private static double consumerLag(KafkaStreams streams) {
    double max = Double.NaN;
    for (Metric m : streams.metrics().values()) {
      if (m.metricName().name().equals("records-lag-max")
          && m.metricValue() instanceof Double v && Double.isFinite(v)) {
        max = Double.isNaN(max) ? v : Math.max(max, v);
      }
    }
    return max;
  }

  /** Stops the HTTP server and Kafka Streams and deletes a temporary state folder. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    http.stop(0);
    httpThreads.shutdownNow();
    streams.close(STOP_TIMEOUT);
    if (tempStateDir != null) {
      streams.cleanUp();
      deleteTree(tempStateDir);
    }
  }

  private static void deleteTree(Path root) {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      LOG.warn("serving: cannot delete the state folder {}: {}", root, e.toString());
    }
  }
}
