package io.sivistream.app.demo;

import io.sivistream.schemas.Observation;
import io.sivistream.schemas.codec.AvroCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Produces Avro observations of every demo model at a steady rate, stamped with the wall clock as
 * event time, on its own thread. At {@code driftAt} the drifting models switch to their drifted
 * coefficients.
 */
final class SyntheticStream implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SyntheticStream.class);
  private static final long TICK_MS = 50;

  private final String bootstrap;
  private final String topic;
  private final List<DemoModel> models;
  private final double rowsPerSecond;
  private final long driftAt;
  private final LongConsumer onDrift;
  private final Thread thread;
  private volatile boolean stop;
  private volatile long produced;

  /**
   * @param rowsPerSecond rows per second of each model
   * @param driftAt       epoch ms of the drift
   * @param onDrift       called once with the drift time when it happens
   */
  SyntheticStream(String bootstrap, String topic, List<DemoModel> models, double rowsPerSecond,
      long driftAt, LongConsumer onDrift) {
    this.bootstrap = bootstrap;
    this.topic = topic;
    this.models = List.copyOf(models);
    this.rowsPerSecond = rowsPerSecond;
    this.driftAt = driftAt;
    this.onDrift = onDrift;
    this.thread = new Thread(this::run, "sivistream-demo-producer");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Rows sent so far, all models together. */
  long produced() {
    return produced;
  }

  private void run() {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "sivistream-demo-producer");
    AvroCodec<Observation> codec = AvroCodec.of(Observation.class);
    List<SplittableRandom> rngs = new ArrayList<>();
    for (int i = 0; i < models.size(); i++) {
      rngs.add(new SplittableRandom(1000 + i));
    }
    boolean drifted = false;
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      long start = System.currentTimeMillis();
      long sentPerModel = 0;
      while (!stop) {
        long now = System.currentTimeMillis();
        if (!drifted && now >= driftAt) {
          drifted = true;
          onDrift.accept(now);
        }
        long due = (long) ((now - start) / 1000.0 * rowsPerSecond);
        for (; sentPerModel < due && !stop; sentPerModel++) {
          for (int i = 0; i < models.size(); i++) {
            DemoModel m = models.get(i);
            double[] x = m.features(rngs.get(i));
            double y = m.label(x, m.truthAt(now, driftAt), rngs.get(i));
            producer.send(new ProducerRecord<>(topic, m.id().getBytes(StandardCharsets.UTF_8),
                codec.encode(observation(m.id(), now, x, y))));
          }
          produced += models.size();
        }
        Thread.sleep(TICK_MS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      if (!stop) {
        LOG.error("demo producer stopped: {}", e.toString());
      }
    }
  }

  private static Observation observation(String model, long time, double[] x, double y) {
    List<Double> features = new ArrayList<>(x.length);
    for (double v : x) {
      features.add(v);
    }
    return Observation.newBuilder()
        .setModelId(model)
        .setEventTime(Instant.ofEpochMilli(time))
        .setFeatures(features)
        .setLabel(y)
        .build();
  }

  /** Stops producing and waits for the thread (the producer flushes what it has). */
  @Override
  public void close() {
    stop = true;
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
