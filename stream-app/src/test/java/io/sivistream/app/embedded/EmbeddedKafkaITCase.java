package io.sivistream.app.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs a real in-process broker and talks to it with ordinary Kafka clients. */
class EmbeddedKafkaITCase {

  private static EmbeddedKafka kafka;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.start(0);
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  @Test
  void plainProducerAndConsumerRoundTrip() throws Exception {
    kafka.createTopics(TopicSpec.of("plain", 2));
    try (KafkaProducer<String, String> producer = producer(Map.of())) {
      for (int i = 0; i < 10; i++) {
        producer.send(new ProducerRecord<>("plain", "k" + (i % 3), "v" + i)).get();
      }
    }
    List<ConsumerRecord<String, String>> records = readAll("plain", "read_uncommitted");
    assertThat(records).extracting(ConsumerRecord::value)
        .containsExactlyInAnyOrder("v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9");
    // Same key, same partition, in order.
    assertThat(records.stream().filter(r -> r.key().equals("k0")).map(ConsumerRecord::value))
        .containsExactly("v0", "v3", "v6", "v9");
  }

  @Test
  void readCommittedSeesOnlyCommittedTransactions() throws Exception {
    kafka.createTopics(TopicSpec.of("tx", 1));
    try (KafkaProducer<String, String> producer = producer(Map.of(
        ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-test",
        // Flink's KafkaSink default; the broker must accept it (transaction.max.timeout.ms).
        ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "3600000"))) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>("tx", "a", "c1"));
      producer.send(new ProducerRecord<>("tx", "a", "c2"));
      producer.commitTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>("tx", "a", "aborted"));
      producer.flush();
      producer.abortTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>("tx", "a", "c3"));
      producer.commitTransaction();
    }
    assertThat(readAll("tx", "read_committed")).extracting(ConsumerRecord::value)
        .containsExactly("c1", "c2", "c3");
    assertThat(readAll("tx", "read_uncommitted")).extracting(ConsumerRecord::value)
        .containsExactly("c1", "c2", "aborted", "c3");
  }

  @Test
  void compactedTopicHasCompactPolicy() throws Exception {
    kafka.createTopics(TopicSpec.compacted("models-test", 1), TopicSpec.of("other-test", 3));
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    try (Admin admin = Admin.create(p)) {
      ConfigResource models = new ConfigResource(ConfigResource.Type.TOPIC, "models-test");
      Config config = admin.describeConfigs(Set.of(models)).all().get(30, TimeUnit.SECONDS)
          .get(models);
      assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
      assertThat(admin.describeTopics(Set.of("other-test")).allTopicNames()
          .get(30, TimeUnit.SECONDS).get("other-test").partitions()).hasSize(3);
    }
  }

  @Test
  void fixedPortIsUsedAndClashIsReportedAndCloseDeletesLogDir() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path dir;
    try (EmbeddedKafka fixed = EmbeddedKafka.start(port)) {
      dir = fixed.baseDirectory();
      assertThat(fixed.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
      assertThat(fixed.port()).isEqualTo(port);
      assertThat(dir).isDirectory();
      assertThatThrownBy(() -> EmbeddedKafka.start(port))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("127.0.0.1:" + port);
    }
    assertThat(Files.exists(dir)).isFalse();
  }

  @Test
  void builderRejectsBadArguments() {
    assertThatThrownBy(() -> EmbeddedKafka.builder().port(70000))
        .hasMessage("port must be in 0..65535 (0 = random), got 70000");
    assertThatThrownBy(() -> TopicSpec.of("t", 0))
        .hasMessage("partitions of topic 't' must be >= 1, got 0");
  }

  private static KafkaProducer<String, String> producer(Map<String, String> extra) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.putAll(extra);
    return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
  }

  /** Reads every record up to the current end (the last stable offset for read_committed). */
  private static List<ConsumerRecord<String, String>> readAll(String topic, String isolation) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> parts = consumer.partitionsFor(topic).stream()
          .map(i -> new TopicPartition(topic, i.partition())).toList();
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      Map<TopicPartition, Long> end = consumer.endOffsets(parts);
      List<ConsumerRecord<String, String>> out = new ArrayList<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        assertThat(System.nanoTime()).as("reading %s timed out", topic).isLessThan(deadline);
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
      return out;
    }
  }
}
