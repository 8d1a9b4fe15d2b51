package io.sivistream.app.job.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.sivistream.app.demo.Demo;
import io.sivistream.app.embedded.EmbeddedKafka;
import io.sivistream.app.embedded.LocalFlink;
import io.sivistream.app.embedded.TopicSpec;
import io.sivistream.app.job.PosteriorJobConfig;
import io.sivistream.app.job.UpdateOutput;
import io.sivistream.app.job.WindowInfo;
import io.sivistream.app.job.engine.AvroKafkaIO.Row;
import io.sivistream.core.EngineVersion;
import io.sivistream.core.spec.ModelSpec;
import io.sivistream.schemas.DeadLetter;
import io.sivistream.schemas.PosteriorDraws;
import io.sivistream.schemas.PosteriorSummary;
import io.sivistream.schemas.codec.AvroCodec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The posterior job with the real SIVI-SM update and the Avro formats, on a real in-process Kafka
 * broker and MiniCluster: summaries near the truth, dead letters with reasons, a model registered
 * mid-stream, a spec change, and a killed task manager that republishes exactly what an
 * uninterrupted run publishes.
 */
class EngineUpdaterITCase {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final AvroCodec<PosteriorSummary> SUMMARIES = AvroCodec.of(PosteriorSummary.class);
  private static final AvroCodec<PosteriorDraws> DRAWS = AvroCodec.of(PosteriorDraws.class);
  private static final AvroCodec<DeadLetter> DEAD = AvroCodec.of(DeadLetter.class);
  private static final double[] TRUTH = {-0.5, 1.0, -1.0};
  private static final int DRAW_COUNT = 50;

  private static EmbeddedKafka kafka;
  private static LocalFlink flink;
  private static AvroKafkaIO io;
  private JobClient running;

  @BeforeAll
  static void start() {
    kafka = EmbeddedKafka.start(0);
    Configuration cluster = new Configuration();
    Demo.smallNetworkBuffers(cluster);
    flink = LocalFlink.start(cluster);
    io = new AvroKafkaIO(kafka.bootstrapServers());
  }

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
  void logisticStreamPublishesEveryVersionNearTheTruthAndBadRowsAsDeadLetters() throws Exception {
    PosteriorJobConfig config = topicsAndConfig("logit").build();
    io.sendSpec(config.modelsTopic(), "logit", spec(200, 100, "[16, 16]"));
    List<Row> rows = logisticRows(1200, 1, 0);
    io.sendRows(config.observationsTopic(), "logit", rows.subList(0, 500));
    io.sendRaw(config.observationsTopic(), List.<byte[][]>of(new byte[][] {
        AvroKafkaIO.utf8("logit"), AvroKafkaIO.utf8("not avro")}));
    io.sendRows(config.observationsTopic(), "logit", List.of(
        new Row(5_000, new double[] {1, Double.NaN, 0}, 1),
        new Row(5_000, new double[] {1, 0}, 1),
        new Row(5_000, new double[] {1, 0, 0}, 2)));
    io.sendRows(config.observationsTopic(), "ghost", List.of(new Row(5_000, new double[] {1}, 0)));
    io.sendRows(config.observationsTopic(), "logit", rows.subList(500, 1200));
    submit(config);

    List<PosteriorSummary> summaries =
        io.awaitCommitted(config.summariesTopic(), 6, WAIT, SUMMARIES::decode);
    List<DeadLetter> dead = io.awaitCommitted(config.deadLettersTopic(), 5, WAIT, DEAD::decode);
    List<PosteriorDraws> draws = io.awaitCommitted(config.drawsTopic(), 6, WAIT, DRAWS::decode);

    assertThat(summaries).extracting(PosteriorSummary::getVersion)
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    assertThat(summaries).extracting(PosteriorSummary::getRowsInWindow).containsOnly(200L);
    assertThat(summaries).extracting(PosteriorSummary::getRowsTotal)
        .containsExactly(200L, 400L, 600L, 800L, 1000L, 1200L);
    PosteriorSummary first = summaries.get(0);
    assertThat(first.getWindowStart()).isEqualTo(Instant.ofEpochMilli(rows.get(0).time()));
    assertThat(first.getWindowEnd()).isEqualTo(Instant.ofEpochMilli(rows.get(199).time()));
    assertThat(first.getParameterNames()).containsExactly("intercept", "x1", "x2");
    assertThat(first.getCorrelation()).hasSize(9);
    assertThat(first.getDiagnostics().getIterations()).isPositive();
    // provenance: the engine build and the hash of the spec as registered, resolved
    assertThat(summaries).extracting(PosteriorSummary::getEngineVersion)
        .containsOnly(EngineVersion.current().toString());
    assertThat(summaries).extracting(PosteriorSummary::getSpecHash)
        .containsOnly(ModelSpec.parse(spec(200, 100, "[16, 16]"), "spec").hash());
    PosteriorSummary last = summaries.get(5);
    for (int j = 0; j < 3; j++) {
      assertThat(last.getMean().get(j)).as("mean of " + last.getParameterNames().get(j))
          .isCloseTo(TRUTH[j], Offset.offset(0.5));
      assertThat(last.getSd().get(j)).isBetween(0.02, 0.5);
      assertThat(last.getQ05().get(j)).isLessThan(last.getQ50().get(j));
      assertThat(last.getQ50().get(j)).isLessThan(last.getQ95().get(j));
    }
    assertThat(draws).extracting(PosteriorDraws::getVersion).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    assertThat(draws.get(5).getDraws()).hasSize(DRAW_COUNT).allSatisfy(d -> assertThat(d).hasSize(3));

    assertThat(dead).extracting(DeadLetter::getReason).satisfiesExactlyInAnyOrder(
        r -> assertThat(r).startsWith("undecodable BAD_MARKER"),
        r -> assertThat(r).isEqualTo("non-finite feature 1 = NaN in observation of model 'logit'"),
        r -> assertThat(r).isEqualTo("wrong dimension: model 'logit' expects 3 features, got 2"),
        r -> assertThat(r).isEqualTo("label y must be 0 or 1 for logistic-regression, got 2.0"),
        r -> assertThat(r).isEqualTo("unknown model 'ghost': no spec arrived within 3000 ms"));
    assertThat(dead).allSatisfy(d -> {
      assertThat(d.getSourceTopic()).isEqualTo(config.observationsTopic());
      assertThat(d.getOffset()).isNotNegative();
    });
  }

  @Test
  void aModelRegisteredMidStreamStartsAndAChangedSpecTakesEffectAtTheNextWindow()
      throws Exception {
    PosteriorJobConfig config = topicsAndConfig("change").build();
    io.sendSpec(config.modelsTopic(), "a", spec(100, 60, "[8]"));
    submit(config);
    io.sendRows(config.observationsTopic(), "a", logisticRows(200, 2, 0));
    io.awaitCommitted(config.summariesTopic(), 2, WAIT, SUMMARIES::decode);

    io.sendSpec(config.modelsTopic(), "b", String.join("\n",
        "model: poisson-regression", "features: [intercept, x]", "prior: {sd: 3}",
        "family: {latentDim: 2, hidden: [8]}", "critic: {hidden: [16]}",
        "train: {iterations: 200, batch: 20, dataBatch: 0, seed: 4}",
        "stream: {windowRows: 80, iterationsPerWindow: 50}"));
    List<Row> counts = new ArrayList<>();
    SplittableRandom rng = new SplittableRandom(9);
    for (int i = 0; i < 80; i++) {
      counts.add(new Row(10_000 + i, new double[] {1, rng.nextDouble() - 0.5}, rng.nextInt(4)));
    }
    io.sendRows(config.observationsTopic(), "b", counts);
    io.sendSpec(config.modelsTopic(), "a", spec(50, 40, "[8]"));
    Thread.sleep(2000);   // let the new spec reach the update operator before a's next rows
    io.sendRows(config.observationsTopic(), "a", logisticRows(100, 3, 200));

    List<PosteriorSummary> all = io.awaitCommitted(config.summariesTopic(), 5, WAIT,
        SUMMARIES::decode);
    List<PosteriorSummary> a = all.stream().filter(s -> s.getModelId().equals("a")).toList();
    List<PosteriorSummary> b = all.stream().filter(s -> s.getModelId().equals("b")).toList();
    assertThat(b).extracting(PosteriorSummary::getVersion).containsExactly(1L);
    assertThat(b.get(0).getParameterNames()).containsExactly("intercept", "x");
    assertThat(b.get(0).getRowsInWindow()).isEqualTo(80);
    assertThat(a).extracting(PosteriorSummary::getVersion).containsExactly(1L, 2L, 3L, 4L);
    assertThat(a).extracting(PosteriorSummary::getRowsInWindow)
        .containsExactly(100L, 100L, 50L, 50L);
    assertThat(a).extracting(PosteriorSummary::getRowsTotal)
        .containsExactly(100L, 200L, 250L, 300L);
    assertThat(a.get(2).getDiagnostics().getIterations()).isEqualTo(40);
    assertThat(a.get(3).getDiagnostics().getIterations()).isEqualTo(40);
  }

  @Test
  void killedTaskManagerRepublishesExactlyWhatAnUninterruptedRunPublishes() throws Exception {
    PosteriorJobConfig config = topicsAndConfig("kill").build();
    String yaml = spec(100, 60, "[8]");
    List<Row> rows = logisticRows(500, 4, 0);
    io.sendSpec(config.modelsTopic(), "k", yaml);
    submit(config);
    io.sendRows(config.observationsTopic(), "k", rows.subList(0, 200));
    io.awaitCommitted(config.summariesTopic(), 2, WAIT, SUMMARIES::decode);

    flink.killTaskManager();
    io.sendRows(config.observationsTopic(), "k", rows.subList(200, 500));
    io.awaitCommitted(config.summariesTopic(), 5, WAIT, SUMMARIES::decode);
    assertThat(flink.restarts(running.getJobID())).isGreaterThanOrEqualTo(1);
    Thread.sleep(2500);   // two more checkpoints: duplicates, if any, would be committed now
    flink.cancel(running, WAIT);

    List<PosteriorSummary> summaries =
        io.readCommitted(config.summariesTopic()).stream().map(SUMMARIES::decode).toList();
    List<PosteriorDraws> draws =
        io.readCommitted(config.drawsTopic()).stream().map(DRAWS::decode).toList();
    assertThat(summaries).extracting(PosteriorSummary::getVersion)
        .containsExactly(1L, 2L, 3L, 4L, 5L);

    // the same update, window after window, in this thread
    EngineUpdater updater = new EngineUpdater(DRAW_COUNT, Clock.systemUTC());
    updater.open();
    byte[] state = null;
    for (int w = 0; w < 5; w++) {
      List<Row> window = rows.subList(w * 100, (w + 1) * 100);
      UpdateOutput o = updater.update(new WindowInfo("k", w + 1, window.get(0).time(),
          window.get(99).time(), 0), state, window.stream().map(Row::x).toList(),
          window.stream().map(Row::y).toList(), yaml);
      state = o.state();
      assertThat(normalized(summaries.get(w))).as("summary v" + (w + 1))
          .isEqualTo(normalized(SUMMARIES.decode(o.summary())));
      assertThat(normalized(draws.get(w))).as("draws v" + (w + 1))
          .isEqualTo(normalized(DRAWS.decode(o.draws())));
    }
  }

  // --- helpers -------------------------------------------------------------------------------

  /** A small, quick logistic spec. */
  private static String spec(int windowRows, int iterations, String hidden) {
    return String.join("\n",
        "model: logistic-regression",
        "features: [intercept, x1, x2]",
        "prior: {sd: 5}",
        "family: {latentDim: 3, hidden: " + hidden + "}",
        "critic: {hidden: [32, 32]}",
        "train: {iterations: 300, batch: 50, dataBatch: 0, seed: 3}",
        "stream: {windowRows: " + windowRows + ", iterationsPerWindow: " + iterations + "}");
  }

  /** Rows of a logistic regression with coefficients {@link #TRUTH}, 10 ms apart. */
  private static List<Row> logisticRows(int n, long seed, long firstIndex) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double[] x = {1, gaussian(rng), gaussian(rng)};
      double eta = x[0] * TRUTH[0] + x[1] * TRUTH[1] + x[2] * TRUTH[2];
      double y = rng.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
      rows.add(new Row(1_700_000_000_000L + 10 * (firstIndex + i), x, y));
    }
    return rows;
  }

  private static double gaussian(SplittableRandom rng) {
    return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
  }

  /** The record without its wall-clock fields. */
  private static PosteriorSummary normalized(PosteriorSummary s) {
    PosteriorSummary c = PosteriorSummary.newBuilder(s).setCreatedAt(Instant.EPOCH).build();
    c.getDiagnostics().setUpdateMillis(0);
    return c;
  }

  private static PosteriorDraws normalized(PosteriorDraws d) {
    return PosteriorDraws.newBuilder(d).setCreatedAt(Instant.EPOCH).build();
  }

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
        .unknownModelTimeout(Duration.ofSeconds(3))
        .restartAttempts(3)
        .restartDelay(Duration.ofMillis(500))
        .parallelism(2);
  }

  private void submit(PosteriorJobConfig config) throws Exception {
    Configuration conf = config.flinkConfiguration();
    conf.set(PipelineOptions.GENERIC_TYPES, false);   // every type has a Flink serializer
    StreamExecutionEnvironment env = flink.environment(conf);
    EngineJob.build(config, DRAW_COUNT).addTo(env);
    running = env.executeAsync(config.groupId());
    flink.awaitTasksRunning(running.getJobID(), WAIT);
  }
}
