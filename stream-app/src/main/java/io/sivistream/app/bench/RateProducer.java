package io.sivistream.app.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends Avro observations at a fixed total rate, spread round-robin over the models, on its own
 * thread, stamped with the wall clock as event time. It never waits for the job: when the job
 * falls behind, the backlog stays in Kafka and shows as lag.
 *
 * <p>Rows come from {@link BenchModel#pool} (pre-drawn) through {@link EncodedRows} (encoded once,
 * the event time written per send), so that the load generator takes little of the CPU that the
 * pipeline under test needs. Producer settings:
 * {@code linger.ms} 5 and 256 KiB batches (a few hundred rows per request at the target rate),
 * no compression (the broker is on loopback in this process), idempotent {@code acks=all}.
 */
final class RateProducer implements AutoCloseable {

  private static final long TICK_NANOS = 5_000_000;

  private final String bootstrap;
  private final String topic;
  private final List<String> modelIds;
  private final double rowsPerSecond;
  private final double[][] pool;
  private final Thread thread;
  private final AtomicLong acked = new AtomicLong();
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private volatile long sent;
  /** When set, rows acknowledged per model (the soak's ledger). */
  private volatile Ledger ledger;
  private volatile boolean stop;

  RateProducer(String bootstrap, String topic, List<String> modelIds, double rowsPerSecond,
      double[][] pool) {
    this.bootstrap = bootstrap;
    this.topic = topic;
    this.modelIds = List.copyOf(modelIds);
    this.rowsPerSecond = rowsPerSecond;
    this.pool = pool;
    this.thread = new Thread(this::run, "sivistream-bench-producer");
    thread.setDaemon(true);
  }

  /** Acknowledged rows per model: what a loss-free pipeline must account for, model by model. */
  static final class Ledger {
    private final java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.atomic.LongAdder> rows =
        new java.util.concurrent.ConcurrentHashMap<>();

    void add(String model) {
      rows.computeIfAbsent(model, k -> new java.util.concurrent.atomic.LongAdder()).increment();
    }

    /** Rows of {@code model} acknowledged in all. */
    long total(String model) {
      var n = rows.get(model);
      return n == null ? 0 : n.sum();
    }
  }

  /** Records every acknowledged row in {@code l}; call before {@link #start()}. */
  void recordInto(Ledger l) {
    this.ledger = l;
  }

  void start() {
    thread.start();
  }

  /** Rows the broker has acknowledged so far. */
  long acked() {
    return acked.get();
  }

  /** Rows handed to the Kafka client so far. */
  long sent() {
    return sent;
  }

  /** The first send failure, or null. */
  Exception failure() {
    return failure.get();
  }

  static Properties producerConfig(String bootstrap) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "sivistream-bench-producer");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
    p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(128L * 1024 * 1024));
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    return p;
  }

  private void run() {
    EncodedRows rows = new EncodedRows(modelIds, pool, System.currentTimeMillis());
    List<byte[]> keys = modelIds.stream().map(m -> m.getBytes(StandardCharsets.UTF_8)).toList();
    Callback counter = (meta, e) -> {
      if (e == null) {
        acked.incrementAndGet();
      } else {
        failure.compareAndSet(null, e);
      }
    };
    // one callback per model, made once: the sends of a 50,000 rows/s run allocate none
    Ledger l = ledger;
    List<Callback> callbacks = modelIds.stream().map(id -> l == null ? counter : (Callback) (meta, e) -> {
      counter.onCompletion(meta, e);
      if (e == null) {
        l.add(id);
      }
    }).toList();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
        producerConfig(bootstrap), new ByteArraySerializer(), new ByteArraySerializer())) {
      long start = System.nanoTime();
      long n = 0;
      while (!stop) {
        long due = (long) ((System.nanoTime() - start) / 1e9 * rowsPerSecond);
        long now = System.currentTimeMillis();
        for (; n < due && !stop; n++) {
          int model = (int) (n % keys.size());
          byte[] value = rows.encode(model, (int) (n % rows.rows()), now);
          producer.send(new ProducerRecord<>(topic, keys.get(model), value), callbacks.get(model));
          sent = n + 1;
        }
        long next = start + (long) ((n + 1) / rowsPerSecond * 1e9);
        long sleep = Math.min(next - System.nanoTime(), TICK_NANOS);
        if (sleep > 0) {
          Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      failure.compareAndSet(null, e);
    }
  }

  /** Stops sending; the client flushes what it holds. */
  @Override
  public void close() {
    stop = true;
    try {
      thread.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
