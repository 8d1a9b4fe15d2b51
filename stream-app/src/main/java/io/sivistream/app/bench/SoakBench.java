package io.sivistream.app.bench;

import io.sivistream.app.demo.Demo;
import io.sivistream.app.embedded.EmbeddedKafka;
import io.sivistream.app.embedded.LocalFlink;
import io.sivistream.app.job.PosteriorJobConfig;
import io.sivistream.schemas.DeadLetter;
import io.sivistream.schemas.ModelSpec;
import io.sivistream.schemas.Topics;
import io.sivistream.schemas.codec.AvroCodec;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The soak test: a steady load across many models through the whole pipeline (embedded broker,
 * the posterior job on local Flink with its exactly-once sink, a {@code read_committed} reader),
 * with faults injected on a schedule, alternately a task failure (the next update throws an
 * Error: the job restarts from its last checkpoint) and a broker restart (stopped, down for a
 * while, started again on the same log directories). At the end every model's committed versions
 * must be 1..k without gaps or duplicates, every acknowledged row must be in exactly one
 * committed window (rows in = rows out, model by model), no row may be a dead letter, and, in runs
 * of {@link #MIN_GROWTH_CHECK} or more, the process's RSS may not keep growing
 * ({@link #RSS_GROWTH_BOUND}).
 *
 * <p>The update is {@link WindowCountUpdater} (no inference): the soak checks what the pipeline
 * guarantees, not the engine's speed, and stays within one machine at hundreds of models.
 */
public final class SoakBench {

  private static final Logger LOG = LoggerFactory.getLogger(SoakBench.class);
  private static final String GROUP_ID = "sivistream-soak";
  /**
   * Largest RSS in the run's last third over the largest in its middle third. A process whose
   * state is bounded levels off after the first windows (the middle third already holds it);
   * 1.25 leaves room for the JVM's heap sizing and the broker's page cache. A leak of a few MB
   * per window would exceed it within a 30-minute run.
   */
  static final double RSS_GROWTH_BOUND = 1.25;
  /**
   * Runs shorter than this report the RSS but do not judge it: their first minutes are the JVM
   * sizing its heap (the 3-minute run's RSS went from 683 to 1,323 MiB, all of it in one step at
   * 110 s as the young generation grew, with the rows in flight constant).
   */
  static final Duration MIN_GROWTH_CHECK = Duration.ofMinutes(10);
  /** How long the end waits for the last windows to commit after the producer stops. */
  static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(120);

  /**
   * Soak settings.
   *
   * @param duration      how long the load runs
   * @param models        models the rows are spread over (one key each), >= 1
   * @param rate          observations per second, all models together
   * @param windowSeconds event-time window of each model
   * @param faultEvery    time between injected faults (alternately task failure, broker restart)
   * @param brokerDown    how long the broker stays down at each restart
   * @param progressEvery progress line interval
   */
  public record Settings(Duration duration, int models, double rate, double windowSeconds,
      Duration faultEvery, Duration brokerDown, Duration progressEvery) {

    public Settings {
      require(duration.toSeconds() >= 30, "--minutes must be at least 0.5, got "
          + duration.toSeconds() / 60.0);
      require(models >= 1 && models <= 1000, "--models must be in 1..1000, got " + models);
      require(rate > 0 && rate <= 100_000, "--rate must be in (0, 100000] rows/s, got " + rate);
      require(windowSeconds >= 0.5 && windowSeconds <= 60,
          "--window-seconds must be in [0.5, 60], got " + windowSeconds);
      require(faultEvery.toSeconds() >= 10, "--fault-every must be >= 10 s, got "
          + faultEvery.toSeconds());
      require(!brokerDown.isNegative() && brokerDown.compareTo(faultEvery) < 0,
          "--broker-down must be >= 0 and shorter than --fault-every");
      require(progressEvery.toMillis() >= 500, "--progress-every must be >= 0.5 s");
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
   * @param seconds  since the load started
   * @param rowsIn   rows acknowledged by the broker so far
   * @param rowsOut  rows in committed windows so far
   * @param versions committed versions so far, all models
   * @param heap     JVM heap in use, bytes
   * @param rss      resident set size of the process, bytes
   * @param event    the fault injected at this reading, or ""
   */
  public record Sample(double seconds, long rowsIn, long rowsOut, int versions, long heap, long rss,
      String event) {

    public String line() {
      return String.format(Locale.ROOT, "[%6.1fs] in %,11d rows  out %,11d rows  versions %,7d"
          + "  heap %,6d MiB  rss %,6d MiB%s", seconds, rowsIn, rowsOut, versions, heap >> 20,
          rss >> 20, event.isEmpty() ? "" : "  << " + event);
    }
  }

  /**
   * What the soak found.
   *
   * @param settings      what ran
   * @param rowsIn        rows acknowledged by the broker
   * @param rowsOut       rows in committed windows
   * @param versions      committed versions, all models
   * @param modelsSeen    models with at least one committed version
   * @param taskFailures  task failures injected
   * @param brokerRestarts broker restarts injected
   * @param deadLetters   dead letters by cause
   * @param rssMiddleMax  largest RSS in the middle third
   * @param rssLastMax    largest RSS in the last third
   * @param problems      every loss, duplicate, gap, dead letter or growth found; empty = passed
   * @param samples       the progress readings
   */
  public record Result(Settings settings, long rowsIn, long rowsOut, int versions, int modelsSeen,
      int taskFailures, int brokerRestarts, Map<String, Long> deadLetters, long rssMiddleMax,
      long rssLastMax, List<String> problems, List<Sample> samples) {

    public boolean passed() {
      return problems.isEmpty();
    }

    /** One {@code key=value} line for scripts. */
    public String machineLine() {
      return String.format(Locale.ROOT, "bench-soak seconds=%d models=%d rate=%.0f window_s=%s"
          + " task_failures=%d broker_restarts=%d rows_in=%d rows_out=%d versions=%d"
          + " models_seen=%d dead_letters=%d rss_middle_max_mib=%d rss_last_max_mib=%d"
          + " problems=%d passed=%s", settings.duration().toSeconds(), settings.models(),
          settings.rate(), settings.windowSeconds(), taskFailures, brokerRestarts, rowsIn,
          rowsOut, versions, modelsSeen, deadLetters.values().stream().mapToLong(Long::longValue)
              .sum(), rssMiddleMax >> 20, rssLastMax >> 20, problems.size(), passed());
    }
  }

  private SoakBench() {}

  /** Runs the soak and stops everything it started. */
  public static Result run(Settings s, Consumer<String> progress) throws Exception {
    Path tempDir = Files.createTempDirectory("sivistream-soak-");
    List<AutoCloseable> toClose = new ArrayList<>();
    try {
      return run(s, progress, tempDir, toClose);
    } finally {
      for (int i = toClose.size() - 1; i >= 0; i--) {
        try {
          toClose.get(i).close();
        } catch (Exception e) {
          LOG.warn("soak: stopping {} failed: {}", toClose.get(i), e.toString());
        }
      }
      WindowCountUpdater.FAIL_NEXT_UPDATE.set(false);
      PipelineBench.deleteTree(tempDir);
    }
  }

  private static Result run(Settings s, Consumer<String> progress, Path tempDir,
      List<AutoCloseable> toClose) throws Exception {
    EmbeddedKafka kafka = EmbeddedKafka.start(0);
    toClose.add(kafka);
    String bootstrap = kafka.bootstrapServers();
    kafka.createTopics(Demo.TOPICS);
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= s.models(); i++) {
      ids.add("soak-" + i);
    }
    register(bootstrap, ids, s.windowSeconds());

    LocalFlink flink = PipelineBench.startFlink(tempDir);
    toClose.add(flink);
    PosteriorJobConfig config = PosteriorJobConfig.builder(bootstrap)
        .groupId(GROUP_ID)
        .transactionalIdPrefix("sivistream-soak-" + System.currentTimeMillis())
        .checkpointInterval(Duration.ofSeconds(1))
        .checkpointDir(tempDir.resolve("checkpoints").toUri().toString())
        .maxOutOfOrderness(Duration.ofMillis(500))
        .idleness(Duration.ofSeconds(5))
        .restartAttempts(Integer.MAX_VALUE)
        .restartDelay(Duration.ofSeconds(1))
        .parallelism(LocalFlink.SLOTS)
        .build();
    JobClient job = PipelineBench.submit(flink, config, PipelineBench.countingJob(config), "sivistream-soak");
    toClose.add(() -> flink.cancel(job, Duration.ofSeconds(30)));
    progress.accept(String.format(Locale.ROOT, "bench soak: broker %s, job running; %d models,"
        + " %,.0f rows/s, %s s windows, for %d s; a fault every %d s (task failure, then broker"
        + " down %d s, alternately)", bootstrap, s.models(), s.rate(), s.windowSeconds(),
        s.duration().toSeconds(), s.faultEvery().toSeconds(), s.brokerDown().toSeconds()));

    CommitWatcher watcher = new CommitWatcher(bootstrap, Topics.POSTERIOR_SUMMARIES);
    toClose.add(watcher);
    watcher.start();
    long windowMillis = Math.round(s.windowSeconds() * 1000);
    RateProducer.Ledger ledger = new RateProducer.Ledger();
    RateProducer producer = new RateProducer(bootstrap, Topics.OBSERVATIONS, ids, s.rate(),
        BenchModel.pool(4096, 7));
    producer.recordInto(ledger);
    toClose.add(producer);

    List<Sample> samples = new ArrayList<>();
    int taskFailures = 0;
    int brokerRestarts = 0;
    long t0 = System.nanoTime();
    producer.start();
    long end = t0 + s.duration().toNanos();
    long nextFault = t0 + s.faultEvery().toNanos();
    while (System.nanoTime() < end) {
      TimeUnit.NANOSECONDS.sleep(Math.max(0, Math.min(s.progressEvery().toNanos(), end - System.nanoTime())));
      String event = "";
      if (System.nanoTime() >= nextFault && System.nanoTime() < end - s.faultEvery().toNanos() / 2) {
        if ((taskFailures + brokerRestarts) % 2 == 0) {
          WindowCountUpdater.FAIL_NEXT_UPDATE.set(true);
          taskFailures++;
          event = "task failure injected";
        } else {
          kafka.stopKeepingLogs();
          TimeUnit.MILLISECONDS.sleep(s.brokerDown().toMillis());
          kafka.restart();
          brokerRestarts++;
          event = "broker restarted after " + s.brokerDown().toSeconds() + " s down";
        }
        nextFault += s.faultEvery().toNanos();
      }
      Sample sample = sample(t0, producer, watcher, event);
      samples.add(sample);
      progress.accept(sample.line());
      if (producer.failure() != null) {
        throw new IllegalStateException("the soak producer failed: " + producer.failure().getMessage(),
            producer.failure());
      }
    }
    producer.close();
    long stopped = System.currentTimeMillis();
    // close every model's last window: one row per model far ahead in event time (not counted)
    flushWindows(bootstrap, ids, stopped + 3 * windowMillis);
    List<String> problems = drain(s, ids, ledger, watcher, progress);
    Map<String, Long> deadLetters = deadLetters(bootstrap);
    deadLetters.forEach((cause, n) -> problems.add(n + " dead letter(s) with cause " + cause));
    long rssMiddle = maxRss(samples, 1);
    long rssLast = maxRss(samples, 2);
    if (s.duration().compareTo(MIN_GROWTH_CHECK) >= 0 && rssMiddle > 0
        && rssLast > RSS_GROWTH_BOUND * rssMiddle) {
      problems.add(String.format(Locale.ROOT, "RSS grew: %d MiB at most in the last third against"
          + " %d MiB in the middle third (bound x%.2f)", rssLast >> 20, rssMiddle >> 20,
          RSS_GROWTH_BOUND));
    }
    List<CommitWatcher.Window> windows = watcher.windows();
    return new Result(s, producer.acked(), windows.stream().mapToLong(CommitWatcher.Window::rows).sum(),
        windows.size(), (int) windows.stream().map(CommitWatcher.Window::modelId).distinct().count(),
        taskFailures, brokerRestarts, deadLetters, rssMiddle, rssLast, List.copyOf(problems),
        List.copyOf(samples));
  }

  private static Sample sample(long t0, RateProducer producer, CommitWatcher watcher, String event) {
    List<CommitWatcher.Window> windows = watcher.windows();
    return new Sample((System.nanoTime() - t0) / 1e9, producer.acked(),
        windows.stream().mapToLong(CommitWatcher.Window::rows).sum(), windows.size(),
        ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), PipelineBench.rss(),
        event);
  }

  /**
   * Waits until every model's committed rows equal its acknowledged rows, then checks versions;
   * returns what is still wrong after {@link #DRAIN_TIMEOUT}.
   */
  private static List<String> drain(Settings s, List<String> ids, RateProducer.Ledger ledger,
      CommitWatcher watcher, Consumer<String> progress) throws InterruptedException {
    long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
    List<String> problems;
    do {
      problems = check(ids, ledger, watcher.windows());
      if (problems.isEmpty()) {
        break;
      }
      TimeUnit.SECONDS.sleep(1);
    } while (System.nanoTime() < deadline);
    progress.accept(problems.isEmpty() ? "bench soak: every acknowledged row is in exactly one"
        + " committed window" : "bench soak: " + problems.size() + " problem(s) after draining");
    if (watcher.failure() != null) {
      problems = new ArrayList<>(problems);
      problems.add("the summary reader failed: " + watcher.failure().getMessage());
    }
    return new ArrayList<>(problems);
  }

  /** Versions 1..k per model, no gaps or duplicates, and committed rows = acknowledged rows. */
  static List<String> check(List<String> ids, RateProducer.Ledger ledger,
      List<CommitWatcher.Window> windows) {
    Map<String, List<CommitWatcher.Window>> byModel = new HashMap<>();
    for (CommitWatcher.Window w : windows) {
      byModel.computeIfAbsent(w.modelId(), k -> new ArrayList<>()).add(w);
    }
    List<String> problems = new ArrayList<>();
    for (String id : ids) {
      List<CommitWatcher.Window> ws = byModel.getOrDefault(id, List.of());
      TreeMap<Long, Integer> versions = new TreeMap<>();
      java.util.Set<String> records = new java.util.HashSet<>();
      long rows = 0;
      for (CommitWatcher.Window w : ws) {
        // a record read twice (one offset) is the reader's; one version at two offsets the job's
        if (records.add(w.partition() + "@" + w.offset())) {
          versions.merge(w.version(), 1, Integer::sum);
          rows += w.rows();
        }
      }
      long duplicates = versions.values().stream().filter(c -> c > 1).count();
      if (duplicates > 0) {
        problems.add(id + ": " + duplicates + " version(s) committed more than once");
      }
      if (!versions.isEmpty() && (versions.firstKey() != 1 || versions.lastKey() != versions.size())) {
        problems.add(id + ": versions not gapless: " + versions.size() + " distinct, from "
            + versions.firstKey() + " to " + versions.lastKey());
      }
      long acked = ledger.total(id);
      if (rows != acked) {
        problems.add(id + ": " + acked + " rows acknowledged, " + rows + " in committed windows");
      }
    }
    return problems;
  }

  private static void register(String bootstrap, List<String> ids, double windowSeconds) {
    AvroCodec<ModelSpec> codec = AvroCodec.of(ModelSpec.class);
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
        RateProducer.producerConfig(bootstrap), new ByteArraySerializer(), new ByteArraySerializer())) {
      long seed = 1;
      for (String id : ids) {
        producer.send(new ProducerRecord<>(Topics.MODELS, id.getBytes(StandardCharsets.UTF_8),
            codec.encode(ModelSpec.newBuilder().setModelId(id)
                .setSpecYaml(BenchModel.specYaml(windowSeconds, 10, seed++))
                .setModel("logistic-regression").setUpdatedAt(Instant.now()).build())));
      }
      producer.flush();
    }
  }

  private static void flushWindows(String bootstrap, List<String> ids, long eventTime) {
    EncodedRows rows = new EncodedRows(ids, BenchModel.pool(1, 3), eventTime);
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
        RateProducer.producerConfig(bootstrap), new ByteArraySerializer(), new ByteArraySerializer())) {
      for (int m = 0; m < ids.size(); m++) {
        producer.send(new ProducerRecord<>(Topics.OBSERVATIONS, ids.get(m).getBytes(StandardCharsets.UTF_8),
            rows.encode(m, 0, eventTime)));
      }
      producer.flush();
    }
  }

  /** Committed dead letters by cause. */
  private static Map<String, Long> deadLetters(String bootstrap) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    Map<String, Long> byCause = new TreeMap<>();
    AvroCodec<DeadLetter> codec = AvroCodec.of(DeadLetter.class);
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      List<TopicPartition> parts = c.partitionsFor(Topics.DEAD_LETTERS).stream()
          .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> ends = c.endOffsets(parts);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (parts.stream().anyMatch(tp -> c.position(tp) < ends.get(tp)) && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
          String cause = String.valueOf(codec.decode(r.value()).getCause());
          byCause.merge(cause.isEmpty() ? "(none)" : cause, 1L, Long::sum);
        }
      }
    }
    return byCause;
  }

  /** Largest RSS in third {@code third} (0, 1, 2) of the samples; 0 with too few samples. */
  private static long maxRss(List<Sample> samples, int third) {
    int n = samples.size();
    if (n < 6) {
      return 0;
    }
    return samples.subList(third * n / 3, (third + 1) * n / 3).stream().mapToLong(Sample::rss).max()
        .orElse(0);
  }
}
