package io.sivistream.app.job;

import static io.sivistream.app.job.TextCodecs.observation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sivistream.app.embedded.EmbeddedKafka;
import io.sivistream.app.embedded.LocalFlink;
import io.sivistream.app.embedded.TopicSpec;
import io.sivistream.app.job.KafkaTestIO.Out;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The posterior job end to end on a real in-process Kafka broker and a real MiniCluster, with a
 * trivial {@link MeanUpdater}: windows by row count and by event time, late rows, dead letters,
 * and exactly-once output through an injected failure and through a killed task manager.
 */
class PosteriorJobITCase {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static EmbeddedKafka kafka;
  private static LocalFlink flink;
  private static KafkaTestIO io;

  /** The MiniCluster's Prometheus reporter port: the job's metrics are read back from it. */
  private static int metricsPort;

  @BeforeAll
  static void start() throws Exception {
    kafka = EmbeddedKafka.start(0);
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      metricsPort = s.getLocalPort();
    }
    org.apache.flink.configuration.Configuration c = new org.apache.flink.configuration.Configuration();
    c.setString("metrics.reporter.prom.factory.class",
        "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
    c.setString("metrics.reporter.prom.port", String.valueOf(metricsPort));
    flink = LocalFlink.start(c);
    io = new KafkaTestIO(kafka.bootstrapServers());
  }

  /** The job of the running test, cancelled after it whatever happened. */
  private JobClient running;

  @AfterEach
  void cancelJob() throws Exception {
    if (running != null && !flink.status(running.getJobID()).isGloballyTerminalState()) {
      flink.cancel(running, WAIT);
    }
  }

  @AfterAll
  static void stop() {
    flink.close();
    kafka.close();
  }

  @Test
  void rowCountWindowsPublishEveryVersionOnceAndBadRecordsBecomeDeadLetters() throws Exception {
    PosteriorJobConfig config = topicsAndConfig("rows").build();
    io.send(config.modelsTopic(), List.<String[]>of(
        kv("m1", "windowRows=5,features=2"), kv("m2", "windowRows=4,features=2")));
    List<String[]> input = new ArrayList<>();
    List<Double> m1 = new ArrayList<>();
    List<Double> m2 = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      input.add(kv("m1", observation(1000L * i, i, 1, i)));
      m1.add((double) i);
      if (i < 12) {
        input.add(kv("m2", observation(1000L * i, 100 + i, 1, -i)));
        m2.add(100.0 + i);
      }
      if (i == 7) {
        input.add(kv("m1", "garbage"));
        input.add(kv("m2", observation(7000, 1, 1.0)));   // one feature, m2 wants two
      }
    }
    io.send(config.observationsTopic(), input);

    JobClient job = submit(config);
    io.awaitCommitted(config.summariesTopic(), 8, WAIT);
    io.awaitCommitted(config.deadLettersTopic(), 2, WAIT);
    io.awaitCommitted(config.drawsTopic(), 8, WAIT);
    // the job counts its dead letters per cause (the dead-letter operator's group "cause")
    String metrics = metrics();
    flink.cancel(job, WAIT);
    assertThat(deadLetterCount(metrics, "WRONG_DIMENSION")).as(metrics).isEqualTo(1.0);
    assertThat(deadLetterCount(metrics, "REJECTED_ROW")).isEqualTo(1.0);
    assertThat(deadLetterCount(metrics, "FAILED_UPDATE")).isZero();

    List<Out> summaries = io.readCommitted(config.summariesTopic());
    assertThat(values(summaries, "m1")).containsExactlyElementsOf(expected("m1", m1, 5));
    assertThat(values(summaries, "m2")).containsExactlyElementsOf(expected("m2", m2, 4));
    assertThat(versions(summaries, "m1")).containsExactly("1", "2", "3", "4", "5");
    assertThat(versions(io.readCommitted(config.drawsTopic()), "m2"))
        .containsExactly("1", "2", "3");
    assertThat(io.readCommitted(config.deadLettersTopic())).extracting(Out::value)
        .anySatisfy(v -> assertThat(v).startsWith("reason=bad observation text")
            .contains("origin=" + config.observationsTopic() + "-"))
        .anySatisfy(v -> assertThat(v)
            .contains("wrong dimension: model 'm2' expects 2 features, got 1"));
  }

  @Test
  void eventTimeWindowsCloseOnTheWatermarkAndLateRowsJoinTheOpenWindow() throws Exception {
    PosteriorJobConfig config = topicsAndConfig("time").build();
    io.send(config.modelsTopic(), List.<String[]>of(kv("m3", "windowMillis=1000,features=1")));
    JobClient job = submit(config);
    // Window [0,1000) closes once the watermark passes 999 (t=1500 seen, the other partition idle).
    io.send(config.observationsTopic(), List.<String[]>of(
        kv("m3", observation(100, 1, 0)), kv("m3", observation(200, 2, 0)),
        kv("m3", observation(1500, 3, 0))));
    List<Out> first = io.awaitCommitted(config.summariesTopic(), 1, WAIT);
    assertThat(first.get(0).value()).isEqualTo(expectedSummary("m3", List.of(1.0, 2.0), 1, 0, 0));
    assertThat(first.get(0).headers()).containsEntry("sivistream.late-rows", "0");
    // t=300 belongs to the closed window: it goes into [1000,2000) and is counted as late.
    io.send(config.observationsTopic(), List.<String[]>of(
        kv("m3", observation(300, 10, 0)), kv("m3", observation(2500, 4, 0))));
    List<Out> both = io.awaitCommitted(config.summariesTopic(), 2, WAIT);
    flink.cancel(job, WAIT);

    assertThat(both.get(1).value())
        .isEqualTo(expectedSummary("m3", List.of(3.0, 10.0), 2, 2, 3.0));
    assertThat(both.get(1).headers()).containsEntry("sivistream.late-rows", "1")
        .containsEntry("sivistream.version", "2");
    assertThat(io.readCommitted(config.deadLettersTopic())).isEmpty();
  }

  /**
   * A time window of 6,000 rows with room for 2,000 numbers (1,000 one-feature rows): the update
   * gets a uniform sample of 1,000 to 2,000 of them and is told the true count; the sample's mean
   * of the labels 0..5,999 sits within four standard errors of the full mean (a sample of the first
   * or last rows would be 1,500 off), and the next window, under the cap, gets every row.
   */
  @Test
  void aTimeWindowBeyondTheBufferCapIsAUniformSampleThatKnowsItsTrueCount() throws Exception {
    PosteriorJobConfig config = topicsAndConfig("cap").maxBufferedValues(2000).build();
    io.send(config.modelsTopic(), List.<String[]>of(kv("m9", "windowMillis=10000,features=1")));
    JobClient job = submit(config);
    List<String[]> rows = new ArrayList<>();
    for (int i = 0; i < 6000; i++) {
      rows.add(kv("m9", observation(i, i, 1.0)));
    }
    io.send(config.observationsTopic(), rows);
    io.send(config.observationsTopic(), List.<String[]>of(
        kv("m9", observation(12000, 1, 1.0)), kv("m9", observation(12001, 2, 1.0)),
        kv("m9", observation(25000, 3, 1.0))));
    List<Out> summaries = io.awaitCommitted(config.summariesTopic(), 2, WAIT);
    flink.cancel(job, WAIT);

    String first = summaries.get(0).value();
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile("n=(\\d+) mean=([0-9.]+) .* sampled=(\\d+) of (\\d+)$").matcher(first);
    assertThat(m.find()).as(first).isTrue();
    int kept = Integer.parseInt(m.group(1));
    assertThat(kept).isBetween(1000, 2000).isEqualTo(Integer.parseInt(m.group(3)));
    assertThat(Long.parseLong(m.group(4))).isEqualTo(6000);
    double standardError = Math.sqrt((6000.0 * 6000.0 - 1) / 12 / kept);
    assertThat(Double.parseDouble(m.group(2))).isCloseTo(2999.5, within(4 * standardError));
    assertThat(summaries.get(1).value()).as("the next window has every row").doesNotContain("sampled=")
        .contains(" n=2 ");
    assertThat(io.readCommitted(config.deadLettersTopic())).isEmpty();
  }

  @Test
  void failureMidStreamRestoresFromCheckpointAndPublishesEachVersionExactlyOnce()
      throws Exception {
    PosteriorJobConfig config = topicsAndConfig("fail").build();
    List<Double> labels = LongStream.range(0, 50).mapToObj(i -> (double) (i * i % 17)).toList();
    io.send(config.modelsTopic(), List.<String[]>of(kv("m4", "windowRows=5,features=1")));
    JobClient job = submit(config);
    io.send(config.observationsTopic(), rows("m4", labels.subList(0, 10)));
    io.awaitCommitted(config.summariesTopic(), 2, WAIT);   // committed => a checkpoint completed
    assertThat(flink.completedCheckpoints(job.getJobID())).isPositive();

    MeanUpdater.FAIL_ONCE_AT.put("m4", 3L);
    io.send(config.observationsTopic(), rows("m4", labels.subList(10, 50)));
    io.awaitCommitted(config.summariesTopic(), 10, WAIT);
    assertThat(MeanUpdater.FAIL_ONCE_AT).as("the injected failure fired").isEmpty();
    assertThat(flink.restarts(job.getJobID())).isGreaterThanOrEqualTo(1);
    Thread.sleep(2500);   // two more checkpoints: duplicates, if any, would be committed now
    flink.cancel(job, WAIT);

    List<Out> summaries = io.readCommitted(config.summariesTopic());
    assertThat(versions(summaries, "m4"))
        .containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
    assertThat(values(summaries, "m4")).containsExactlyElementsOf(expected("m4", labels, 5));
  }

  @Test
  void aPoisonWindowGoesToDeadLettersAndNoModelStops() throws Exception {
    PosteriorJobConfig config = topicsAndConfig("poison").build();
    List<Double> labels = LongStream.range(0, 20).mapToObj(i -> (double) (i % 7)).toList();
    io.send(config.modelsTopic(), List.<String[]>of(kv("p1", "windowRows=5,features=1"),
        kv("p2", "windowRows=5,features=1")));
    MeanUpdater.POISON_AT.put("p1", 2L);
    JobClient job = submit(config);
    io.send(config.observationsTopic(), rows("p1", labels));
    io.send(config.observationsTopic(), rows("p2", labels));
    io.awaitCommitted(config.summariesTopic(), 7, WAIT);
    assertThat(MeanUpdater.POISON_AT).as("the injected poison fired").isEmpty();
    Thread.sleep(1500);
    assertThat(flink.restarts(job.getJobID())).as("nothing restarted").isZero();
    flink.cancel(job, WAIT);

    List<Out> summaries = io.readCommitted(config.summariesTopic());
    assertThat(versions(summaries, "p2")).containsExactly("1", "2", "3", "4");
    assertThat(values(summaries, "p2")).containsExactlyElementsOf(expected("p2", labels, 5));
    // p1: the second window's rows are not in its posterior, its versions stay gapless, and
    // the first update after the failure says so
    List<Double> kept = new ArrayList<>(labels.subList(0, 5));
    kept.addAll(labels.subList(10, 20));
    List<String> p1 = values(summaries, "p1");
    assertThat(versions(summaries, "p1")).containsExactly("1", "2", "3");
    assertThat(p1.get(0)).isEqualTo(expected("p1", kept, 5).get(0));
    assertThat(p1.get(1)).isEqualTo(expected("p1", kept, 5).get(1)
        + " failed=1 (injected poison at window 2)");
    assertThat(p1.get(2)).isEqualTo(expected("p1", kept, 5).get(2));
    List<Out> dead = io.readCommitted(config.deadLettersTopic());
    assertThat(dead).hasSize(5).allSatisfy(d -> assertThat(d.value())
        .contains("update of model 'p1' failed on a window of 5 rows (injected poison at window 2)")
        .contains("keeps its posterior version 1"));
  }

  @Test
  void aDeletedModelStopsAndARegistrationOfItsIdStartsOverInTheNextEpoch() throws Exception {
    PosteriorJobConfig config = topicsAndConfig("tomb").build();
    List<Double> labels = LongStream.range(0, 22).mapToObj(i -> (double) (i % 5)).toList();
    io.send(config.modelsTopic(), List.<String[]>of(kv("t1", "windowRows=5,features=1")));
    JobClient job = submit(config);
    io.send(config.observationsTopic(), rows("t1", labels.subList(0, 12)));
    io.awaitCommitted(config.summariesTopic(), 2, WAIT);
    io.send(config.modelsTopic(), List.<String[]>of(kv("t1", null)));
    io.awaitCommitted(config.deadLettersTopic(), 2, WAIT);   // the two buffered rows
    io.send(config.modelsTopic(), List.<String[]>of(kv("t1", "windowRows=5,features=1")));
    Thread.sleep(1000);   // the registration reaches the operator before the rows below
    io.send(config.observationsTopic(), rows("t1", labels.subList(12, 22)));
    io.awaitCommitted(config.summariesTopic(), 4, WAIT);
    Thread.sleep(1500);
    flink.cancel(job, WAIT);

    List<Out> summaries = io.readCommitted(config.summariesTopic());
    assertThat(versions(summaries, "t1")).containsExactly("1", "2", "1", "2");
    List<String> first = expected("t1", labels.subList(0, 10), 5);
    List<String> second = expected("t1", labels.subList(12, 22), 5);
    assertThat(values(summaries, "t1")).containsExactly(first.get(0), first.get(1),
        second.get(0) + " epoch=1", second.get(1) + " epoch=1");
    assertThat(io.readCommitted(config.deadLettersTopic())).extracting(Out::value)
        .hasSize(2).allSatisfy(v -> assertThat(v).contains("model 't1' was deleted"));
  }

  @Test
  void killedTaskManagerWithRocksDbStateResumesWithoutLossOrDuplicates() throws Exception {
    PosteriorJobConfig config = topicsAndConfig("kill").stateBackend("rocksdb").build();
    List<Double> labels = LongStream.range(0, 40).mapToObj(i -> (double) (i % 7)).toList();
    io.send(config.modelsTopic(), List.<String[]>of(kv("m5", "windowRows=5,features=1")));
    JobClient job = submit(config);
    io.send(config.observationsTopic(), rows("m5", labels.subList(0, 10)));
    io.awaitCommitted(config.summariesTopic(), 2, WAIT);

    flink.killTaskManager();
    io.send(config.observationsTopic(), rows("m5", labels.subList(10, 40)));
    io.awaitCommitted(config.summariesTopic(), 8, WAIT);
    assertThat(flink.restarts(job.getJobID())).isGreaterThanOrEqualTo(1);
    Thread.sleep(2500);
    flink.cancel(job, WAIT);

    List<Out> summaries = io.readCommitted(config.summariesTopic());
    assertThat(versions(summaries, "m5")).containsExactly("1", "2", "3", "4", "5", "6", "7", "8");
    assertThat(values(summaries, "m5")).containsExactlyElementsOf(expected("m5", labels, 5));
  }

  @Test
  void newJobResumesFromTheRetainedCheckpointOfACancelledOne(@TempDir Path checkpoints)
      throws Exception {
    PosteriorJobConfig config = topicsAndConfig("resume")
        .checkpointDir(checkpoints.toUri().toString()).build();
    List<Double> labels = LongStream.range(0, 25).mapToObj(i -> (double) (i % 5 + i / 5)).toList();
    io.send(config.modelsTopic(), List.<String[]>of(kv("m6", "windowRows=5,features=1")));
    JobClient first = submit(config);
    io.send(config.observationsTopic(), rows("m6", labels.subList(0, 10)));
    io.awaitCommitted(config.summariesTopic(), 2, WAIT);
    flink.cancel(first, WAIT);
    String checkpoint = flink.latestCheckpointPath(first.getJobID()).orElseThrow();

    submit(config.toBuilder().restoreFrom(checkpoint).build());
    io.send(config.observationsTopic(), rows("m6", labels.subList(10, 25)));
    io.awaitCommitted(config.summariesTopic(), 5, WAIT);
    Thread.sleep(2500);

    List<Out> summaries = io.readCommitted(config.summariesTopic());
    assertThat(versions(summaries, "m6")).containsExactly("1", "2", "3", "4", "5");
    assertThat(values(summaries, "m6")).containsExactlyElementsOf(expected("m6", labels, 5));
  }

  // --- helpers -------------------------------------------------------------------------------

  /** Creates this test's topics and a config for them: 1 s checkpoints, parallelism 2. */
  private static PosteriorJobConfig.Builder topicsAndConfig(String prefix) {
    kafka.createTopics(TopicSpec.of(prefix + "-observations", 2),
        TopicSpec.compacted(prefix + "-models", 1), TopicSpec.of(prefix + "-summaries", 1),
        TopicSpec.of(prefix + "-draws", 1), TopicSpec.of(prefix + "-dead-letters", 1));
    return PosteriorJobConfig.builder(kafka.bootstrapServers())
        .observationsTopic(prefix + "-observations")
        .modelsTopic(prefix + "-models")
        .summariesTopic(prefix + "-summaries")
        .drawsTopic(prefix + "-draws")
        .deadLettersTopic(prefix + "-dead-letters")
        .groupId(prefix + "-group")
        .transactionalIdPrefix(prefix + "-tx")
        .checkpointInterval(Duration.ofSeconds(1))
        .transactionTimeout(Duration.ofMinutes(10))
        .maxOutOfOrderness(Duration.ZERO)
        .idleness(Duration.ofSeconds(1))
        .restartAttempts(3)
        .restartDelay(Duration.ofMillis(500))
        .parallelism(2);
  }

  private JobClient submit(PosteriorJobConfig config) throws Exception {
    running = TextJob.start(flink, config, config.groupId(), WAIT);
    return running;
  }

  private static String metrics() throws Exception {
    var client = java.net.http.HttpClient.newHttpClient();
    return client.send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create("http://127.0.0.1:" + metricsPort + "/metrics")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString()).body();
  }

  /** The sum over subtasks of the job's deadLetters counter of one cause, from Prometheus text. */
  private static double deadLetterCount(String prometheus, String cause) {
    return prometheus.lines()
        .filter(l -> !l.startsWith("#") && l.contains("_cause_deadLetters{")
            && l.contains("cause=\"" + cause + "\""))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  /** What an uninterrupted run publishes: the update applied window after window. */
  private static List<String> expected(String model, List<Double> labels, int windowRows) {
    return MeanUpdater.summaries(model, labels, windowRows);
  }

  private static String expectedSummary(String model, List<Double> labels, long version,
      int previousCount, double previousSum) {
    byte[] state = previousCount == 0 ? null
        : (previousCount + ";" + previousSum).getBytes(StandardCharsets.UTF_8);
    return new String(MeanUpdater.apply(model, state, labels, version).summary(),
        StandardCharsets.UTF_8);
  }

  private static List<String[]> rows(String model, List<Double> labels) {
    List<String[]> out = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      out.add(kv(model, observation(i, labels.get(i), 1.0)));
    }
    return out;
  }

  private static String[] kv(String key, String value) {
    return new String[] {key, value};
  }

  private static List<String> values(List<Out> records, String model) {
    return records.stream().filter(r -> model.equals(r.key())).map(Out::value).toList();
  }

  private static List<String> versions(List<Out> records, String model) {
    return records.stream().filter(r -> model.equals(r.key()))
        .map(r -> r.headers().get("sivistream.version")).toList();
  }
}
