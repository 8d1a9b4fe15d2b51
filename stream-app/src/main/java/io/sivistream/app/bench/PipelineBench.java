package io.sivistream.app.bench;

import io.sivistream.app.demo.Demo;
import io.sivistream.app.embedded.EmbeddedKafka;
import io.sivistream.app.embedded.LocalFlink;
import io.sivistream.app.job.PosteriorJob;
import io.sivistream.app.job.PosteriorJobConfig;
import io.sivistream.app.job.avro.AvroDeadLetterEncoder;
import io.sivistream.app.job.avro.AvroModelSpecDecoder;
import io.sivistream.app.job.avro.AvroObservationDecoder;
import io.sivistream.app.job.engine.EngineJob;
import io.sivistream.schemas.ModelSpec;
import io.sivistream.schemas.Topics;
import io.sivistream.schemas.codec.AvroCodec;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline benchmark: an embedded Kafka broker with the standard topics, the posterior job on
 * local Flink (exactly-once sink, checkpoints on local disk), benchmark models registered on
 * {@code models}, a producer at a fixed rate and a {@code read_committed} reader of the summaries.
 * It samples throughput, refresh latency, broker lag and memory every progress interval and
 * returns a {@link Result} measured after the warm-up.
 *
 * <pre>{@code
 * PipelineBench.Result r = PipelineBench.run(PipelineBench.Settings.defaults(), line -> err.println(line));
 * out.println(r.machineLine());
 * }</pre>
 */
public final class PipelineBench {

  private static final Logger LOG = LoggerFactory.getLogger(PipelineBench.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final String GROUP_ID = "sivistream-bench";

  /** What runs when a window closes. */
  public enum Update {
    /** The SIVI-SM streaming update, as in production. */
    ENGINE,
    /** No inference: the window's feature means (measures the pipeline without the engine). */
    NONE
  }

  /**
   * Benchmark settings.
   *
   * @param seconds             how long the producer runs
   * @param rate                observations per second, all models together
   * @param models              models the rows are spread over (one key each)
   * @param windowSeconds       event-time window of each model
   * @param iterationsPerWindow SIVI-SM iterations of each warm update
   * @param checkpointInterval  exactly-once commit cadence of the job
   * @param maxOutOfOrderness   watermark lag behind the newest event time
   * @param warmup              excluded from the result (JIT, the cold first window)
   * @param progressEvery       progress line interval
   * @param update              engine or none
   * @param draws               posterior draws published per window
   */
  public record Settings(int seconds, double rate, int models, double windowSeconds,
      int iterationsPerWindow, Duration checkpointInterval, Duration maxOutOfOrderness,
      Duration warmup, Duration progressEvery, Update update, int draws) {

    public Settings {
      require(seconds >= 1, "--seconds must be >= 1, got " + seconds);
      require(rate > 0 && rate <= 1_000_000, "--rate must be in (0, 1000000] observations/s, got "
          + rate);
      require(models >= 1 && models <= 1000, "--models must be in 1..1000, got " + models);
      require(windowSeconds >= 0.1 && windowSeconds <= 3600,
          "--window-seconds must be in [0.1, 3600], got " + windowSeconds);
      require(iterationsPerWindow >= 1, "--iterations must be >= 1, got " + iterationsPerWindow);
      require(checkpointInterval.toMillis() >= 100,
          "--checkpoint-ms must be >= 100, got " + checkpointInterval.toMillis());
      require(!maxOutOfOrderness.isNegative(),
          "--out-of-orderness-ms must be >= 0, got " + maxOutOfOrderness.toMillis());
      require(!warmup.isNegative() && warmup.toSeconds() < seconds,
          "--warmup must be in [0, --seconds), got " + warmup.toSeconds() + " with --seconds "
              + seconds);
      require(progressEvery.toMillis() >= 100, "--progress-every must be >= 0.1 s");
      require(draws >= 0, "--draws must be >= 0, got " + draws);
    }

    /** 120 s (40 s warm-up) at 50,000 rows/s, one model, 1 s windows, 50 iterations, 500 ms commits. */
    public static Settings defaults() {
      return new Settings(120, 50_000, 1, 1.0, 50, Duration.ofMillis(500), Duration.ofMillis(200),
          Duration.ofSeconds(40), Duration.ofSeconds(5), Update.ENGINE, 200);
    }

    private static void require(boolean ok, String message) {
      if (!ok) {
        throw new IllegalArgumentException(message);
      }
    }
  }

  /**
   * One progress reading.
   *
   * @param seconds   since the producer started
   * @param inPerSec  rows acknowledged by the broker per second since the previous reading
   * @param outPerSec rows in committed summaries per second since the previous reading
   * @param windows   committed windows so far
   * @param lastLatency refresh latency of the newest committed window, seconds (NaN: none yet)
   * @param lag       broker lag of the job's consumer group on the observations topic, rows
   * @param heapBytes JVM heap in use
   * @param rssBytes  resident set size of this process (0 where /proc is missing)
   */
  public record Sample(double seconds, double inPerSec, double outPerSec, int windows,
      double lastLatency, long lag, long heapBytes, long rssBytes) {

    /** The progress line. */
    public String line() {
      return String.format(Locale.ROOT, "[%6.1fs] in %,9.0f/s  out %,9.0f/s  windows %4d"
          + "  latency %s  lag %,9d rows  heap %,6d MiB  rss %,6d MiB", seconds, inPerSec,
          outPerSec, windows, Double.isNaN(lastLatency) ? "    -  "
              : String.format(Locale.ROOT, "%5.2f s", lastLatency), lag, heapBytes >> 20,
          rssBytes >> 20);
    }
  }

  /**
   * The measurement after the warm-up.
   *
   * @param settings       what ran
   * @param measuredSeconds length of the measured interval
   * @param inPerSec       rows acknowledged by the broker per second
   * @param outPerSec      rows in committed summaries per second
   * @param windows        committed windows in the interval (the latency samples)
   * @param latencyP50     median refresh latency, seconds (window end to committed summary)
   * @param latencyP99     99th percentile of it
   * @param latencyMax     the largest
   * @param updateP50      median duration of the update itself, seconds
   * @param rowsIn         rows acknowledged in all
   * @param rowsOut        rows in committed summaries in all
   * @param lagEnd         broker lag at the end, rows
   * @param lagMax         largest broker lag sampled
   * @param heapMaxBytes   largest heap in use sampled
   * @param rssMaxBytes    largest RSS sampled
   * @param samples        the progress readings, in order
   */
  public record Result(Settings settings, double measuredSeconds, double inPerSec,
      double outPerSec, int windows, double latencyP50, double latencyP99, double latencyMax,
      double updateP50, long rowsIn, long rowsOut, long lagEnd, long lagMax, long heapMaxBytes,
      long rssMaxBytes, List<Sample> samples) {

    /** One {@code key=value} line for scripts. */
    public String machineLine() {
      Settings s = settings;
      return String.format(Locale.ROOT, "bench-pipeline update=%s rate=%.0f models=%d"
          + " window_s=%s iterations=%d checkpoint_ms=%d seconds=%d warmup_s=%d"
          + " in_per_s=%.0f out_per_s=%.0f windows=%d latency_p50_s=%.3f latency_p99_s=%.3f"
          + " latency_max_s=%.3f update_p50_s=%.3f rows_in=%d rows_out=%d lag_end=%d lag_max=%d"
          + " heap_max_mib=%d rss_max_mib=%d", s.update().name().toLowerCase(Locale.ROOT),
          s.rate(), s.models(), trim(s.windowSeconds()), s.iterationsPerWindow(),
          s.checkpointInterval().toMillis(), s.seconds(), s.warmup().toSeconds(), inPerSec,
          outPerSec, windows, latencyP50, latencyP99, latencyMax, updateP50, rowsIn, rowsOut,
          lagEnd, lagMax, heapMaxBytes >> 20, rssMaxBytes >> 20);
    }

    private static String trim(double v) {
      return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
  }

  private PipelineBench() {}

  /**
   * Runs the benchmark and stops everything it started.
   *
   * @param s        settings
   * @param progress receives start-up messages and one line per progress interval
   */
  public static Result run(Settings s, Consumer<String> progress) throws Exception {
    Path tempDir = Files.createTempDirectory("sivistream-bench-");
    List<AutoCloseable> toClose = new ArrayList<>();
    try {
      return run(s, progress, tempDir, toClose);
    } finally {
      for (int i = toClose.size() - 1; i >= 0; i--) {
        try {
          toClose.get(i).close();
        } catch (Exception e) {
          LOG.warn("bench: stopping {} failed: {}", toClose.get(i), e.toString());
        }
      }
      deleteTree(tempDir);
    }
  }

  private static Result run(Settings s, Consumer<String> progress, Path tempDir,
      List<AutoCloseable> toClose) throws Exception {
    long start = System.currentTimeMillis();
    EmbeddedKafka kafka = EmbeddedKafka.start(0);
    toClose.add(kafka);
    String bootstrap = kafka.bootstrapServers();
    kafka.createTopics(Demo.TOPICS);
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= s.models(); i++) {
      ids.add(s.models() == 1 ? "bench" : "bench-" + i);
    }
    registerModels(bootstrap, ids, s);

    LocalFlink flink = startFlink(tempDir);
    toClose.add(flink);
    PosteriorJobConfig config = PosteriorJobConfig.builder(bootstrap)
        .groupId(GROUP_ID)
        .transactionalIdPrefix("sivistream-bench-" + start)
        .checkpointInterval(s.checkpointInterval())
        .checkpointDir(tempDir.resolve("checkpoints").toUri().toString())
        .maxOutOfOrderness(s.maxOutOfOrderness())
        .idleness(Duration.ofSeconds(5))
        .parallelism(LocalFlink.SLOTS)
        .build();
    JobClient job = submit(flink, config, job(config, s), "sivistream-bench");
    toClose.add(() -> flink.cancel(job, STOP_TIMEOUT));
    progress.accept(String.format(Locale.ROOT, "bench pipeline: broker %s, job running (%d slots);"
        + " %s update, %d model(s), %s s windows, %d iterations/window, commits every %d ms;"
        + " producing %,.0f rows/s for %d s (first %d s are warm-up)", bootstrap, LocalFlink.SLOTS,
        s.update().name().toLowerCase(Locale.ROOT), s.models(), s.windowSeconds(),
        s.iterationsPerWindow(), s.checkpointInterval().toMillis(), s.rate(), s.seconds(),
        s.warmup().toSeconds()));

    CommitWatcher watcher = new CommitWatcher(bootstrap, Topics.POSTERIOR_SUMMARIES);
    toClose.add(watcher);
    watcher.start();
    RateProducer producer = new RateProducer(bootstrap, Topics.OBSERVATIONS, ids, s.rate(),
        BenchModel.pool(8192, 42));
    toClose.add(producer);
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
        bootstrap))) {
      return measure(s, progress, producer, watcher, admin);
    }
  }

  /** A local Flink cluster for a benchmark, its temporary files under {@code tempDir}. */
  static LocalFlink startFlink(Path tempDir) {
    Configuration cluster = new Configuration();
    cluster.set(CoreOptions.TMP_DIRS, tempDir.toString());
    Demo.smallNetworkBuffers(cluster);
    return LocalFlink.start(cluster);
  }

  /** Submits {@code job} with {@code config}'s Flink settings and waits until its tasks run. */
  static JobClient submit(LocalFlink flink, PosteriorJobConfig config, PosteriorJob job, String name)
      throws Exception {
    Configuration jobSettings = config.flinkConfiguration();
    // as in the demo: the checkpoint barrier overtakes rows queued in front of a running update
    jobSettings.set(CheckpointingOptions.ENABLE_UNALIGNED, true);
    StreamExecutionEnvironment env = flink.environment(jobSettings);
    job.addTo(env);
    JobClient client = env.executeAsync(name);
    flink.awaitTasksRunning(client.getJobID(), Duration.ofSeconds(60));
    return client;
  }

  /** The job with the counting stand-in for the engine ({@code --update none}, the soak). */
  static PosteriorJob countingJob(PosteriorJobConfig config) {
    return PosteriorJob.builder(config)
        .observationDecoder(new AvroObservationDecoder())
        .modelSpecDecoder(new AvroModelSpecDecoder())
        .deadLetterEncoder(new AvroDeadLetterEncoder())
        .updater(new WindowCountUpdater())
        .build();
  }

  private static PosteriorJob job(PosteriorJobConfig config, Settings s) {
    return s.update() == Update.ENGINE ? EngineJob.build(config, s.draws()) : countingJob(config);
  }

  private static Result measure(Settings s, Consumer<String> progress, RateProducer producer,
      CommitWatcher watcher, Admin admin) throws Exception {
    List<Sample> samples = new ArrayList<>();
    long t0 = System.nanoTime();
    producer.start();
    long end = t0 + TimeUnit.SECONDS.toNanos(s.seconds());
    long warmEnd = t0 + s.warmup().toNanos();
    long every = s.progressEvery().toNanos();
    long lastNanos = t0;
    long lastIn = 0;
    long lastOut = 0;
    long inAtWarm = -1;
    long lagMax = 0;
    long lag = 0;
    long heapMax = 0;
    long rssMax = 0;
    for (long next = t0 + Math.min(every, end - t0); ; next = Math.min(next + every, end)) {
      long wait = next - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      long now = System.nanoTime();
      long in = producer.acked();
      if (inAtWarm < 0 && now >= warmEnd) {
        inAtWarm = in;
      }
      List<CommitWatcher.Window> windows = watcher.windows();
      long out = windows.stream().mapToLong(CommitWatcher.Window::rows).sum();
      lag = lag(admin);
      long heap = heapUsed();
      long rss = rss();
      lagMax = Math.max(lagMax, lag);
      heapMax = Math.max(heapMax, heap);
      rssMax = Math.max(rssMax, rss);
      Sample sample = new Sample((now - t0) / 1e9, Stats.rate(lastIn, lastNanos, in, now),
          Stats.rate(lastOut, lastNanos, out, now), windows.size(),
          windows.isEmpty() ? Double.NaN : windows.get(windows.size() - 1).latencySeconds(),
          lag, heap, rss);
      samples.add(sample);
      progress.accept(sample.line());
      if (producer.failure() != null) {
        throw new IllegalStateException("the benchmark producer failed: "
            + producer.failure().getMessage(), producer.failure());
      }
      if (watcher.failure() != null) {
        throw new IllegalStateException("the summary reader failed: "
            + watcher.failure().getMessage(), watcher.failure());
      }
      lastNanos = now;
      lastIn = in;
      lastOut = out;
      if (now >= end) {
        break;
      }
    }
    long stopNanos = System.nanoTime();
    long rowsIn = producer.acked();
    producer.close();
    List<CommitWatcher.Window> all = watcher.windows();
    List<CommitWatcher.Window> measured = all.stream()
        .filter(w -> w.seenNanos() >= warmEnd && w.seenNanos() <= stopNanos).toList();
    double seconds = (stopNanos - warmEnd) / 1e9;
    List<Double> latencies = measured.stream().map(CommitWatcher.Window::latencySeconds).toList();
    List<Double> updates = measured.stream().map(w -> w.updateMillis() / 1000.0).toList();
    long outMeasured = measured.stream().mapToLong(CommitWatcher.Window::rows).sum();
    long rowsOut = all.stream().mapToLong(CommitWatcher.Window::rows).sum();
    return new Result(s, seconds, Stats.rate(Math.max(inAtWarm, 0), warmEnd, rowsIn, stopNanos),
        seconds > 0 ? outMeasured / seconds : 0, measured.size(), Stats.percentile(latencies, 50),
        Stats.percentile(latencies, 99), Stats.percentile(latencies, 100),
        Stats.percentile(updates, 50), rowsIn, rowsOut, lag, lagMax, heapMax, rssMax,
        List.copyOf(samples));
  }

  /** Rows on the observations topic beyond the offsets the job has committed (at checkpoints). */
  private static long lag(Admin admin) {
    try {
      Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP_ID)
          .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (int p = 0; p < observationPartitions(); p++) {
        latest.put(new TopicPartition(Topics.OBSERVATIONS, p), OffsetSpec.latest());
      }
      ListOffsetsResult ends = admin.listOffsets(latest);
      long lag = 0;
      for (TopicPartition tp : latest.keySet()) {
        long endOffset = ends.partitionResult(tp).get(5, TimeUnit.SECONDS).offset();
        OffsetAndMetadata c = committed.get(tp);
        lag += endOffset - (c == null ? 0 : c.offset());
      }
      return lag;
    } catch (Exception e) {
      LOG.warn("bench: broker lag not available: {}", e.toString());
      return -1;
    }
  }

  private static int observationPartitions() {
    return Demo.TOPICS.stream().filter(t -> t.name().equals(Topics.OBSERVATIONS)).findFirst()
        .orElseThrow().partitions();
  }

  private static void registerModels(String bootstrap, List<String> ids, Settings s) {
    AvroCodec<ModelSpec> codec = AvroCodec.of(ModelSpec.class);
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
        RateProducer.producerConfig(bootstrap), new ByteArraySerializer(),
        new ByteArraySerializer())) {
      long seed = 1;
      for (String id : ids) {
        ModelSpec spec = ModelSpec.newBuilder()
            .setModelId(id)
            .setSpecYaml(BenchModel.specYaml(s.windowSeconds(), s.iterationsPerWindow(), seed++))
            .setModel("logistic-regression")
            .setUpdatedAt(Instant.now())
            .build();
        producer.send(new ProducerRecord<>(Topics.MODELS, id.getBytes(StandardCharsets.UTF_8),
            codec.encode(spec)));
      }
      producer.flush();
    }
  }

  private static long heapUsed() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** VmRSS of /proc/self/status (Linux), or 0. */
  static long rss() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          String[] parts = line.substring(6).trim().split("\\s+");
          return Long.parseLong(parts[0]) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: no RSS
    }
    return 0;
  }

  static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      LOG.warn("bench: could not delete {}: {}", root, e.toString());
    }
  }
}
