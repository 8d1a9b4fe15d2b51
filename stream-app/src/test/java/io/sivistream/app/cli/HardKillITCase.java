package io.sivistream.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sivistream.app.demo.Demo;
import io.sivistream.app.embedded.EmbeddedKafka;
import io.sivistream.schemas.ModelSpec;
import io.sivistream.schemas.Observation;
import io.sivistream.schemas.PosteriorSummary;
import io.sivistream.schemas.codec.AvroCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hardest ordinary fault: the job's process (`sivistream run`, a local Flink cluster in its
 * own JVM) killed with SIGKILL while an open Kafka transaction holds a window's summary that was
 * already emitted, before the checkpoint that would commit it. A second process restored from
 * the last retained checkpoint aborts that transaction and publishes the window again:
 * read_committed consumers see every version once, gapless, and the republished posterior is
 * bit-identical to the aborted one (same state, same rows, same seeds).
 */
class HardKillITCase {

  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final int WINDOW = 100;

  @Test
  void sigkillWithAnOpenTransactionLosesAndDuplicatesNothing(@TempDir Path dir) throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(0)) {
      kafka.createTopics(Demo.TOPICS);
      String bootstrap = kafka.bootstrapServers();
      // checkpoints far apart, so that a window's summary sits in an open transaction for seconds
      Path config = dir.resolve("job.yaml");
      Files.writeString(config, String.join("\n", "bootstrapServers: " + bootstrap,
          "checkpointDir: " + dir.resolve("ckpt").toUri(), "checkpointInterval: 10s",
          "idleness: 1s", "maxOutOfOrderness: 0s", "restartAttempts: 0", "draws: 10", ""));
      send(bootstrap, 0, WINDOW, true);

      Process first = run(config, dir.resolve("first.log"));
      try {
        awaitSummaries(bootstrap, "read_committed", 1);
        send(bootstrap, WINDOW, 2 * WINDOW, false);
        // window 2 emitted inside the open transaction, not yet committed: kill now
        List<PosteriorSummary> seen = awaitSummaries(bootstrap, "read_uncommitted", 2);
        first.destroyForcibly().waitFor();
        assertThat(summaries(bootstrap, "read_committed")).as("v2 was still uncommitted at the kill")
            .extracting(PosteriorSummary::getVersion).containsExactly(1L);
        PosteriorSummary aborted = seen.get(1);
        assertThat(aborted.getVersion()).isEqualTo(2L);

        String checkpoint = latestCheckpoint(dir.resolve("ckpt")).orElseThrow();
        Files.writeString(config, Files.readString(config) + "restoreFrom: " + checkpoint + "\n");
        Process second = run(config, dir.resolve("second.log"));
        try {
          send(bootstrap, 2 * WINDOW, 3 * WINDOW, false);
          List<PosteriorSummary> committed = awaitSummaries(bootstrap, "read_committed", 3);
          Thread.sleep(2000);
          committed = summaries(bootstrap, "read_committed");
          assertThat(committed).extracting(PosteriorSummary::getVersion).containsExactly(1L, 2L, 3L);
          assertThat(posterior(committed.get(1))).isEqualTo(posterior(aborted));
          assertThat(committed.get(2).getRowsTotal()).isEqualTo(3 * WINDOW);
        } finally {
          second.destroyForcibly().waitFor();
        }
      } finally {
        first.destroyForcibly().waitFor();
      }
    }
  }

  /** What a posterior is, without the fields that record when and how fast it was computed. */
  private static String posterior(PosteriorSummary s) {
    return String.join("|", s.getModelId(), String.valueOf(s.getVersion()), String.valueOf(s.getRowsTotal()),
        s.getParameterNames().toString(), s.getMean().toString(), s.getSd().toString(), s.getQ05().toString(),
        s.getQ50().toString(), s.getQ95().toString(), String.valueOf(s.getCorrelation()));
  }

  /** `sivistream run --config` in a JVM of its own, on this test's class path. */
  private static Process run(Path config, Path log) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return new ProcessBuilder(java.toString(), "-Xmx2g", "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "run", "--config", config.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** The newest completed checkpoint (a chk-N folder with its _metadata) under the job's folder. */
  private static Optional<String> latestCheckpoint(Path root) throws Exception {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(p -> p.getFileName().toString().equals("_metadata"))
          .map(Path::getParent)
          .filter(p -> p.getFileName().toString().startsWith("chk-"))
          .max(Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString().substring(4))))
          .map(p -> p.toUri().toString());
    }
  }

  /** Rows from..to of the stream (and the spec first, when asked), as a producer would send them. */
  private static void send(String bootstrap, int from, int to, boolean spec) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    AvroCodec<Observation> obs = AvroCodec.of(Observation.class);
    byte[] key = "p".getBytes(StandardCharsets.UTF_8);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      if (spec) {
        producer.send(new ProducerRecord<>("models", key, AvroCodec.of(ModelSpec.class).encode(
            ModelSpec.newBuilder().setModelId("p").setSpecYaml(PipelineCommandsITCase.SMALL_POISSON)
                .setModel("poisson-regression").setUpdatedAt(Instant.EPOCH).build())));
      }
      for (int i = from; i < to; i++) {
        SplittableRandom rng = new SplittableRandom(1000 + i);
        producer.send(new ProducerRecord<>("observations", key, obs.encode(
            Observation.newBuilder().setModelId("p").setEventTime(Instant.ofEpochMilli(1000L * i))
                .setFeatures(List.of(1.0, rng.nextDouble() - 0.5)).setLabel(rng.nextInt(3)).build())));
      }
      producer.flush();
    }
  }

  private static List<PosteriorSummary> awaitSummaries(String bootstrap, String isolation, int atLeast)
      throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    List<PosteriorSummary> out = summaries(bootstrap, isolation);
    while (out.size() < atLeast) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("only " + out.size() + " " + isolation + " summaries after " + WAIT);
      }
      Thread.sleep(200);
      out = summaries(bootstrap, isolation);
    }
    return out;
  }

  private static List<PosteriorSummary> summaries(String bootstrap, String isolation) {
    return PipelineCommandsITCase.summaries(bootstrap, isolation);
  }


}
