package io.sivistream.app.demo;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A daemon thread that reads a summaries topic from its start as a downstream service would
 * ({@code read_committed}: only what the job's exactly-once sink has committed) and hands every
 * record to a handler, on that thread. Used by the demo's printer and the benchmarks.
 *
 * <p>It assigns itself every partition and keeps its position in memory, with no consumer group:
 * a group member that rejoins after a broker restart resumes from its last auto-committed offset
 * and is handed the records since then a second time, which the soak first took for duplicated
 * versions (2 versions of each of 200 models, once in 21 broker restarts).
 */
public final class CommittedSummaryReader implements AutoCloseable {

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Duration poll;
  private final Consumer<ConsumerRecord<byte[], byte[]>> handler;
  private final Consumer<Exception> onFailure;
  private final Thread thread;
  private volatile boolean started;

  /**
   * @param name      client id and thread name
   * @param poll      how long one poll waits
   * @param handler   called for each record, on the reader thread
   * @param onFailure called once, on the reader thread, with what stopped it (not for close())
   */
  public CommittedSummaryReader(String bootstrap, String topic, String name, Duration poll,
      Consumer<ConsumerRecord<byte[], byte[]>> handler, Consumer<Exception> onFailure) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, name);
    this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
        .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    this.poll = poll;
    this.handler = handler;
    this.onFailure = onFailure;
    this.thread = new Thread(this::run, name);
    thread.setDaemon(true);
  }

  public void start() {
    started = true;
    thread.start();
  }

  private void run() {
    try {
      while (true) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(poll)) {
          handler.accept(r);
        }
      }
    } catch (WakeupException e) {
      // close() asked us to stop
    } catch (Exception e) {
      onFailure.accept(e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  /** Stops the reader thread (or closes the consumer when it never started). */
  @Override
  public void close() {
    if (!started) {
      consumer.close(Duration.ofSeconds(5));
      return;
    }
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
