package io.sivistream.app.demo;

import io.sivistream.app.embedded.EmbeddedKafka;
import io.sivistream.app.embedded.LocalFlink;
import io.sivistream.app.embedded.TopicSpec;
import io.sivistream.app.job.PosteriorJobConfig;
import io.sivistream.app.job.engine.EngineJob;
import io.sivistream.app.serving.ServingApp;
import io.sivistream.app.serving.ServingConfig;
import io.sivistream.app.serving.TrueValues;
import io.sivistream.schemas.ModelSpec;
import io.sivistream.schemas.Topics;
import io.sivistream.schemas.codec.AvroCodec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole pipeline in one process: an embedded Kafka broker with the standard topics, the demo
 * models registered on {@code models}, the posterior job on a local Flink cluster, the serving
 * app (HTTP API and dashboard on 127.0.0.1), a synthetic observation stream and a printer of the
 * committed posterior summaries. {@link #close()} stops
 * everything in reverse order and deletes the temporary folders.
 *
 * <pre>{@code
 * try (Demo demo = Demo.start(Demo.Settings.defaults(9092), out, err)) {
 *   Thread.sleep(60_000);
 * }
 * }</pre>
 */
public final class Demo implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Demo.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  /** The stream pauses while it is this many windows ahead of the published posteriors. */
  private static final int MAX_WINDOWS_AHEAD = 3;

  /** The pipeline's topics with their default names, as the demo and local development use them. */
  public static final List<TopicSpec> TOPICS = List.of(TopicSpec.of(Topics.OBSERVATIONS, 2),
      TopicSpec.compacted(Topics.MODELS, 1), TopicSpec.of(Topics.POSTERIOR_SUMMARIES, 1),
      TopicSpec.of(Topics.POSTERIOR_DRAWS, 1), TopicSpec.of(Topics.DEAD_LETTERS, 1),
      TopicSpec.of(Topics.PREDICTION_REQUESTS, 1), TopicSpec.of(Topics.PREDICTIONS, 1));

  /**
   * Demo settings.
   *
   * @param kafkaPort          broker port on 127.0.0.1 (0: a free port)
   * @param rowsPerSecond      observations per second of each model
   * @param driftAfter         when the drifting model's coefficients jump, after the start
   * @param checkpointInterval how often the job commits its output (summaries appear then)
   * @param httpPort           port of the serving app's HTTP API and dashboard on 127.0.0.1
   *                           (0: a free port)
   */
  public record Settings(int kafkaPort, double rowsPerSecond, Duration driftAfter,
      Duration checkpointInterval, int httpPort) {

    /** The default HTTP port of the demo's dashboard. */
    public static final int DEFAULT_HTTP_PORT = 8080;

    public Settings {
      if (kafkaPort < 0 || kafkaPort > 65535) {
        throw new IllegalArgumentException("kafka port must be in 0..65535, got " + kafkaPort);
      }
      if (httpPort < 0 || httpPort > 65535) {
        throw new IllegalArgumentException("http port must be in 0..65535, got " + httpPort);
      }
      if (!(rowsPerSecond > 0) || rowsPerSecond > 100_000) {
        throw new IllegalArgumentException("rows per second must be in (0, 100000], got "
            + rowsPerSecond);
      }
    }

    /** Settings whose dashboard listens on any free port. */
    public Settings(int kafkaPort, double rowsPerSecond, Duration driftAfter,
        Duration checkpointInterval) {
      this(kafkaPort, rowsPerSecond, driftAfter, checkpointInterval, 0);
    }

    /** 50 rows per second and model, drift after 60 s, 2 s checkpoints, dashboard on 8080. */
    public static Settings defaults(int kafkaPort) {
      return new Settings(kafkaPort, 50, Duration.ofSeconds(60), Duration.ofSeconds(2),
          DEFAULT_HTTP_PORT);
    }

    public Settings withDriftAfter(Duration d) {
      return new Settings(kafkaPort, rowsPerSecond, d, checkpointInterval, httpPort);
    }
  }

  private final List<AutoCloseable> toClose = new ArrayList<>();
  private Path tempDir;
  private EmbeddedKafka kafka;
  private LocalFlink flink;
  private JobClient job;
  private SummaryPrinter printer;
  private ServingApp serving;
  private SyntheticStream stream;
  private boolean closed;

  private Demo() {}

  /**
   * Starts everything and returns once the job runs and the stream flows.
   *
   * @param out update lines
   * @param err start-up messages
   */
  public static Demo start(Settings settings, PrintWriter out, PrintWriter err) throws Exception {
    Demo demo = new Demo();
    try {
      demo.startAll(settings, out, err);
      return demo;
    } catch (Exception | Error e) {
      demo.close();
      throw e;
    }
  }

  private void startAll(Settings s, PrintWriter out, PrintWriter err) throws Exception {
    long start = System.currentTimeMillis();
    List<DemoModel> models = DemoModels.all();
    tempDir = Files.createTempDirectory("sivistream-demo-");

    kafka = EmbeddedKafka.start(s.kafkaPort());
    String bootstrap = kafka.bootstrapServers();
    kafka.createTopics(TOPICS);
    say(err, "Kafka broker at %s (topics %s, %s, %s, %s, %s)", bootstrap, Topics.OBSERVATIONS,
        Topics.MODELS, Topics.POSTERIOR_SUMMARIES, Topics.POSTERIOR_DRAWS, Topics.DEAD_LETTERS);
    registerModels(bootstrap, models);
    for (DemoModel m : models) {
      say(err, "model %-8s %s, true %s%s", m.id(), m.kind(), coefficients(m.truth()),
          m.drifts() ? String.format(Locale.ROOT, ", jumping to %s after %d s",
              coefficients(m.drifted()), s.driftAfter().toSeconds()) + " of streaming" : "");
    }

    Configuration cluster = new Configuration();
    cluster.set(CoreOptions.TMP_DIRS, tempDir.toString());
    smallNetworkBuffers(cluster);
    flink = LocalFlink.start(cluster);
    PosteriorJobConfig config = PosteriorJobConfig.builder(bootstrap)
        .groupId("sivistream-demo")
        .transactionalIdPrefix("sivistream-demo-" + start)
        .checkpointInterval(s.checkpointInterval())
        .maxOutOfOrderness(Duration.ofSeconds(1))
        .idleness(Duration.ofSeconds(5))
        .parallelism(LocalFlink.SLOTS)
        .build();
    Configuration jobSettings = config.flinkConfiguration();
    // An update blocks its operator for a second or more, and rows queue up meanwhile; unaligned
    // checkpoints let the barrier overtake the queued rows, so output is committed (and printed)
    // after each update instead of after the whole backlog.
    jobSettings.set(CheckpointingOptions.ENABLE_UNALIGNED, true);
    StreamExecutionEnvironment env = flink.environment(jobSettings);
    EngineJob.build(config, 200).addTo(env);
    job = env.executeAsync("sivistream-demo");
    say(err, "posterior job running on local Flink (%d slots), committing every %d s",
        LocalFlink.SLOTS, s.checkpointInterval().toSeconds());

    // the drift is timed from the start of the stream, so that a slow start-up cannot eat it
    long driftAt = System.currentTimeMillis() + s.driftAfter().toMillis();
    serving = ServingApp.start(ServingConfig.builder(bootstrap)
        .applicationId("sivistream-demo-serve-" + start)
        .httpPort(s.httpPort())
        .build(), trueValues(models, driftAt));
    say(err, "dashboard and HTTP API at %s (posteriors: %sapi/models)", serving.url(),
        serving.url());
    printer = new SummaryPrinter(bootstrap, Topics.POSTERIOR_SUMMARIES, models, driftAt, start,
        out);
    printer.start();
    int windowRows = DemoModels.WINDOW_ROWS;
    stream = new SyntheticStream(bootstrap, Topics.OBSERVATIONS, models, s.rowsPerSecond(),
        driftAt, t -> say(err, "[%6.1fs] drift: the true coefficients of %s jump now",
            (t - start) / 1000.0, driftingIds(models)),
        printer::minRowsTotal, MAX_WINDOWS_AHEAD * windowRows,
        () -> say(err, "[%6.1fs] the updates are slower than the stream on this machine: the"
            + " stream waits whenever it is %d windows ahead", (System.currentTimeMillis() - start)
            / 1000.0, MAX_WINDOWS_AHEAD));
    stream.start();
    say(err, "streaming %.0f rows/s per model; each line below is one posterior update:"
        + " mean±sd per coefficient (true value)", s.rowsPerSecond());
  }

  /**
   * An observation row is ~100 bytes, so Flink's default network buffers (32 KiB, ten per channel)
   * queue thousands of rows, many windows' worth, in front of the update operator. Every window
   * costs a second or more of SIVI-SM, and a checkpoint barrier waits behind that queue, which
   * would hold the committed (visible) output back by tens of seconds. Small buffers keep the
   * backlog in Kafka instead, where it costs nothing.
   */
  public static void smallNetworkBuffers(Configuration cluster) {
    cluster.setString("taskmanager.memory.segment-size", "4kb");
    cluster.setString("taskmanager.network.memory.buffers-per-channel", "1");
    cluster.setString("taskmanager.network.memory.floating-buffers-per-gate", "1");
  }

  /** Update lines printed so far. */
  public int updatesPrinted() {
    return printer == null ? 0 : printer.printed();
  }

  /** Base URL of the dashboard and HTTP API, e.g. {@code http://127.0.0.1:8080/}. */
  public String servingUrl() {
    return serving.url();
  }

  /** The true coefficients of each model for the dashboard: before and after the drift. */
  private static TrueValues trueValues(List<DemoModel> models, long driftAt) {
    Map<String, TrueValues.Model> out = new LinkedHashMap<>();
    for (DemoModel m : models) {
      List<TrueValues.Segment> segments = new ArrayList<>();
      segments.add(new TrueValues.Segment(null, m.truth()));
      if (m.drifts()) {
        segments.add(new TrueValues.Segment(Instant.ofEpochMilli(driftAt), m.drifted()));
      }
      out.put(m.id(), new TrueValues.Model(m.names(), segments));
    }
    return new TrueValues(out);
  }

  /** The broker's bootstrap address. */
  public String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  private static void registerModels(String bootstrap, List<DemoModel> models) {
    AvroCodec<ModelSpec> codec = AvroCodec.of(ModelSpec.class);
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (DemoModel m : models) {
        ModelSpec spec = ModelSpec.newBuilder()
            .setModelId(m.id())
            .setSpecYaml(m.specYaml())
            .setModel(m.kind())
            .setUpdatedAt(Instant.now())
            .build();
        producer.send(new ProducerRecord<>(Topics.MODELS, m.id().getBytes(StandardCharsets.UTF_8),
            codec.encode(spec)));
      }
      producer.flush();
    }
  }

  /** Stops the stream, the job, the printer, Flink and Kafka, and deletes the temp folder. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    quietly("stream", stream);
    if (job != null) {
      quietly("job", () -> flink.cancel(job, STOP_TIMEOUT));
    }
    quietly("printer", printer);
    quietly("serving app", serving);
    quietly("Flink", flink);
    quietly("Kafka", kafka);
    if (tempDir != null) {
      quietly("temp folder", () -> deleteTree(tempDir));
    }
  }

  private static void quietly(String what, AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      LOG.warn("demo: stopping the {} failed: {}", what, e.toString());
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static String coefficients(double[] beta) {
    return Arrays.stream(beta).mapToObj(v -> String.format(Locale.ROOT, "%+.2f", v))
        .toList().toString();
  }

  private static String driftingIds(List<DemoModel> models) {
    return models.stream().filter(DemoModel::drifts).map(DemoModel::id).toList().toString();
  }

  private static void say(PrintWriter w, String format, Object... args) {
    synchronized (w) {
      w.println(String.format(Locale.ROOT, format, args));
      w.flush();
    }
  }
}
