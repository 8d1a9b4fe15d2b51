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
import java.util.function.LongSupplier;
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
  private final LongSupplier rowsDone;
  private final long maxAhead;
  private final Runnable onPause;
  private final Thread thread;
  private volatile boolean stop;
  private volatile long produced;

  /**
   * @param rowsPerSecond rows per second of each model
   * @param driftAt       epoch ms of the drift
   * @param onDrift       called once with the drift time when it happens
   * @param rowsDone      rows per model the published posteriors have taken in so far
   * @param maxAhead      the stream pauses while it is this many rows per model ahead of
   *                      {@code rowsDone}, so that a machine slower than the stream still shows
   *                      fresh updates instead of an ever longer backlog
   * @param onPause       called once, the first time the stream pauses
   */
  SyntheticStream(String bootstrap, String topic, List<DemoModel> models, double rowsPerSecond,
      long driftAt, LongConsumer onDrift, LongSupplier rowsDone, long maxAhead,
      Runnable onPause) {
    this.bootstrap = bootstrap;
    this.topic = topic;
    this.models = List.copyOf(models);
    this.rowsPerSecond = rowsPerSecond;
    this.driftAt = driftAt;
    this.onDrift = onDrift;
    this.rowsDone = rowsDone;
    this.maxAhead = maxAhead;
    this.onPause = onPause;
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
    boolean pausedOnce = false;
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      long last = System.currentTimeMillis();
      long sentPerModel = 0;
      double owed = 0;
      while (!stop) {
        long now = System.currentTimeMillis();
        if (!drifted && now >= driftAt) {
          drifted = true;
          onDrift.accept(now);
        }
        if (sentPerModel - rowsDone.getAsLong() < maxAhead) {
          owed += (now - last) / 1000.0 * rowsPerSecond;
        } else if (!pausedOnce) {
          pausedOnce = true;
          onPause.run();
        }
        last = now;
        for (; owed >= 1 && !stop; owed--, sentPerModel++) {
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
