package io.sivistream.app.job.engine;

import io.sivistream.schemas.ModelSpec;
import io.sivistream.schemas.Observation;
import io.sivistream.schemas.codec.AvroCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Kafka clients for the engine tests: Avro specs and observations in, committed records out. */
final class AvroKafkaIO {

  private static final AvroCodec<Observation> OBSERVATIONS = AvroCodec.of(Observation.class);
  private static final AvroCodec<ModelSpec> SPECS = AvroCodec.of(ModelSpec.class);

  /** One synthetic row. */
  record Row(long time, double[] x, double y) {}

  private final String bootstrap;

  AvroKafkaIO(String bootstrap) {
    this.bootstrap = bootstrap;
  }

  void sendSpec(String topic, String modelId, String yaml) {
    ModelSpec spec = ModelSpec.newBuilder().setModelId(modelId).setSpecYaml(yaml)
        .setModel(yaml.lines().findFirst().orElse("")).setUpdatedAt(Instant.EPOCH).build();
    sendRaw(topic, List.<byte[][]>of(new byte[][] {utf8(modelId), SPECS.encode(spec)}));
  }

  void sendRows(String topic, String modelId, List<Row> rows) {
    List<byte[][]> records = new ArrayList<>();
    for (Row r : rows) {
      List<Double> x = new ArrayList<>();
      for (double v : r.x()) {
        x.add(v);
      }
      Observation o = Observation.newBuilder().setModelId(modelId)
          .setEventTime(Instant.ofEpochMilli(r.time())).setFeatures(x).setLabel(r.y()).build();
      records.add(new byte[][] {utf8(modelId), OBSERVATIONS.encode(o)});
    }
    sendRaw(topic, records);
  }

  /** Sends key/value byte pairs and waits for the acks. */
  void sendRaw(String topic, List<byte[][]> keyValues) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (byte[][] kv : keyValues) {
        producer.send(new ProducerRecord<>(topic, kv[0], kv[1]));
      }
      producer.flush();
    }
  }

  /** Polls until {@code topic} holds at least {@code atLeast} committed records; decoded. */
  <T> List<T> awaitCommitted(String topic, int atLeast, Duration timeout,
      Function<byte[], T> decode) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<byte[]> raw = readCommitted(topic);
    while (raw.size() < atLeast) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException(topic + " has " + raw.size() + " committed records after "
            + timeout + ", expected " + atLeast);
      }
      Thread.sleep(250);
      raw = readCommitted(topic);
    }
    return raw.stream().map(decode).toList();
  }

  /** Values of every committed record of a one-partition topic, in order. */
  List<byte[]> readCommitted(String topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts = consumer.partitionsFor(topic).stream()
          .map(i -> new TopicPartition(topic, i.partition())).toList();
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      Map<TopicPartition, Long> end = consumer.endOffsets(parts);
      List<byte[]> out = new ArrayList<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("reading " + topic + " timed out");
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          out.add(r.value());
        }
      }
      return out;
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
