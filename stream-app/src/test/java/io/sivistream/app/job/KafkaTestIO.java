package io.sivistream.app.job;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Plain Kafka clients for the job tests: produce text records, read committed output. */
final class KafkaTestIO {

  /** An output record as text. */
  record Out(String key, String value, Map<String, String> headers) {}

  private final String bootstrap;

  KafkaTestIO(String bootstrap) {
    this.bootstrap = bootstrap;
  }

  /** Sends key/value text pairs (null value = tombstone) and waits for the acks. */
  void send(String topic, List<String[]> keyValues) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (String[] kv : keyValues) {
        producer.send(new ProducerRecord<>(topic, bytes(kv[0]), bytes(kv[1])));
      }
      producer.flush();
    }
  }

  /**
   * Polls {@code topic} with {@code read_committed} from the beginning until it holds at least
   * {@code atLeast} records, and returns what is there.
   */
  List<Out> awaitCommitted(String topic, int atLeast, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Out> out = readCommitted(topic);
    while (out.size() < atLeast) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException(topic + " has " + out.size() + " committed records after "
            + timeout + ", expected " + atLeast + ": " + out);
      }
      Thread.sleep(250);
      out = readCommitted(topic);
    }
    return out;
  }

  /** Every committed record of {@code topic} up to the last stable offset, partition order. */
  List<Out> readCommitted(String topic) {
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
      List<Out> out = new ArrayList<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("reading " + topic + " timed out");
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          Map<String, String> headers = new java.util.TreeMap<>();
          for (Header h : r.headers()) {
            headers.put(h.key(), text(h.value()));
          }
          out.add(new Out(text(r.key()), text(r.value()), headers));
        }
      }
      return out;
    }
  }

  private static byte[] bytes(String s) {
    return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] b) {
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }
}
