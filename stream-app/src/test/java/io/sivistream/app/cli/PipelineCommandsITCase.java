package io.sivistream.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sivistream.app.demo.Demo;
import io.sivistream.app.embedded.EmbeddedKafka;
import io.sivistream.app.embedded.TopicSpec;
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
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sivistream run} and {@code sivistream kafka} in-process against a real broker. */
class PipelineCommandsITCase {

  /** A small Poisson model with windows of 100 rows: {@link #produce} 300 rows, get 3 versions. */
  static final String SMALL_POISSON = String.join("\n", "model: poisson-regression",
      "features: [intercept, x]", "prior: {sd: 3}", "family: {latentDim: 2, hidden: [8]}",
      "critic: {hidden: [16]}", "train: {iterations: 200, batch: 20, dataBatch: 0, seed: 4}",
      "stream: {windowRows: 100, iterationsPerWindow: 50}");

  @Test
  void runProcessesAvroObservationsFromAJobConfig(@TempDir Path dir) throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(0)) {
      kafka.createTopics(Demo.TOPICS);
      produce(kafka.bootstrapServers(), SMALL_POISSON, 300);
      Path config = Files.writeString(dir.resolve("job.yaml"), String.join("\n",
          "bootstrapServers: " + kafka.bootstrapServers(),
          "parallelism: 1",
          "checkpointInterval: 1s",
          "stateBackend: rocksdb",
          "checkpointDir: " + dir.resolve("ckpt").toUri(),
          "draws: 20",
          "kafka: {client.dns.lookup: use_all_dns_ips}"));

      Cli r = Cli.run("run", "--config", config.toString(), "--seconds", "30");

      assertThat(r.status()).as(r.toString()).isZero();
      assertThat(r.err()).contains("sivistream run: posterior job").contains("stopped");
      List<PosteriorSummary> summaries = committedSummaries(kafka.bootstrapServers());
      assertThat(summaries).extracting(PosteriorSummary::getVersion).containsExactly(1L, 2L, 3L);
      assertThat(summaries.get(2).getRowsTotal()).isEqualTo(300);
      assertThat(Files.list(dir.resolve("ckpt"))).as("checkpoints kept").isNotEmpty();
    }
  }

  @Test
  void runRefusesMissingTopicsInOneLine(@TempDir Path dir) throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(0)) {
      kafka.createTopics(TopicSpec.of("observations", 1));
      Path config = Files.writeString(dir.resolve("job.yaml"),
          "bootstrapServers: " + kafka.bootstrapServers() + "\n");
      Cli r = Cli.run("run", "--config", config.toString());
      assertThat(r.status()).as(r.toString()).isEqualTo(2);
      assertThat(r.errLines()).containsExactly("sivistream: Kafka at " + kafka.bootstrapServers()
          + " has no topic models, posterior-summaries, posterior-draws, dead-letters; create"
          + " them (the models topic compacted) or name existing ones under 'topics:' in the job"
          + " config");
    }
  }

  @Test
  void kafkaPrintsItsAddressAndStops() {
    Cli r = Cli.run("kafka", "--port", "0", "--seconds", "2");
    assertThat(r.status()).as(r.toString()).isZero();
    assertThat(r.out().strip()).matches("127\\.0\\.0\\.1:\\d+");
    assertThat(r.err()).contains("with topics [observations, models, posterior-summaries")
        .contains("sivistream kafka: stopped");
  }

  static void produce(String bootstrap, String yaml, int rows) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    AvroCodec<Observation> obs = AvroCodec.of(Observation.class);
    byte[] key = "p".getBytes(StandardCharsets.UTF_8);
    SplittableRandom rng = new SplittableRandom(3);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>("models", key, AvroCodec.of(ModelSpec.class).encode(
          ModelSpec.newBuilder().setModelId("p").setSpecYaml(yaml).setModel("poisson-regression")
              .setUpdatedAt(Instant.EPOCH).build())));
      for (int i = 0; i < rows; i++) {
        producer.send(new ProducerRecord<>("observations", key, obs.encode(
            Observation.newBuilder().setModelId("p").setEventTime(Instant.ofEpochMilli(1000L * i))
                .setFeatures(List.of(1.0, rng.nextDouble() - 0.5)).setLabel(rng.nextInt(3))
                .build())));
      }
      producer.flush();
    }
  }

  static List<PosteriorSummary> committedSummaries(String bootstrap) {
    return summaries(bootstrap, "read_committed");
  }

  /**
   * Every summary on posterior-summaries as a consumer of the given isolation level sees it:
   * read_committed stops at the last stable offset, read_uncommitted also shows what open
   * transactions hold.
   */
  static List<PosteriorSummary> summaries(String bootstrap, String isolation) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
    AvroCodec<PosteriorSummary> codec = AvroCodec.of(PosteriorSummary.class);
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition tp = new TopicPartition("posterior-summaries", 0);
      c.assign(List.of(tp));
      c.seekToBeginning(List.of(tp));
      long end = c.endOffsets(List.of(tp)).get(tp);
      List<PosteriorSummary> out = new ArrayList<>();
      while (c.position(tp) < end) {
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
          out.add(codec.decode(r.value()));
        }
      }
      return out;
    }
  }
}
