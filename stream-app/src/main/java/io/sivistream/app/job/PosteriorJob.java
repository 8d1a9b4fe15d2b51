package io.sivistream.app.job;

import io.sivistream.schemas.DeadLetterCause;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Properties;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.IsolationLevel;

/**
 * The posterior job: reads observations and model specs from Kafka, keeps per-model windows and
 * posterior state in Flink keyed state, runs the {@link WindowUpdater} when a window closes, and
 * writes summaries, draws and dead letters to Kafka exactly once.
 *
 * <p>Topology: KafkaSource(observations, read_committed, decode + watermarks) → keyBy(model id)
 * → connect(broadcast KafkaSource(models)) → {@link PosteriorUpdateFunction} → records →
 * KafkaSink (EXACTLY_ONCE, one transaction per checkpoint) ← dead letters of every stage.
 *
 * <pre>{@code
 * PosteriorJobConfig config = PosteriorJobConfig.builder("127.0.0.1:9092").build();
 * PosteriorJob job = PosteriorJob.builder(config)
 *     .observationDecoder(avroObservations)
 *     .modelSpecDecoder(avroSpecs)
 *     .updater(sivismUpdater)
 *     .build();
 * StreamExecutionEnvironment env =
 *     StreamExecutionEnvironment.getExecutionEnvironment(config.flinkConfiguration());
 * job.addTo(env);
 * env.execute("sivistream-posterior");
 * }</pre>
 */
public final class PosteriorJob {

  /** Side output of the observation and spec sources for records that could not be decoded. */
  static final OutputTag<DeadLetter> SOURCE_DEAD_LETTERS =
      new OutputTag<>("source-dead-letters", TypeInformation.of(DeadLetter.class));

  private final PosteriorJobConfig config;
  private final ObservationDecoder observationDecoder;
  private final ModelSpecDecoder modelSpecDecoder;
  private final WindowUpdater updater;
  private final DeadLetterEncoder deadLetterEncoder;

  private PosteriorJob(Builder b) {
    this.config = b.config;
    this.observationDecoder = b.observationDecoder;
    this.modelSpecDecoder = b.modelSpecDecoder;
    this.updater = b.updater;
    this.deadLetterEncoder = b.deadLetterEncoder;
  }

  /** A builder for a job with the given settings. */
  public static Builder builder(PosteriorJobConfig config) {
    return new Builder(config);
  }

  /** The job's settings. */
  public PosteriorJobConfig config() {
    return config;
  }

  /**
   * Applies the job's Flink settings to {@code env} and adds the job's sources, operators and sink.
   * Run it with {@code env.execute()} or {@code env.executeAsync()}.
   */
  public void addTo(StreamExecutionEnvironment env) {
    env.configure(config.flinkConfiguration());
    if (config.parallelism() > 0) {
      env.setParallelism(config.parallelism());
    }

    SingleOutputStreamOperator<ObservationRow> rows = env
        .fromSource(observationSource(), Watermarks.observations(config.maxOutOfOrderness(),
            config.idleness()), "observations")
        .uid("observations-source")
        .process(new SplitObservations())
        .uid("observations-decode")
        .name("observations-valid");

    // One reader for the small models topic: a reader without a partition would hold the
    // watermark of the update operator back.
    SingleOutputStreamOperator<SpecUpdate> specs = env
        .fromSource(specSource(), Watermarks.specs(), "models")
        .setParallelism(1)
        .uid("models-source")
        .process(new SplitSpecs())
        .setParallelism(1)
        .uid("models-decode")
        .name("models-valid");
    BroadcastStream<SpecUpdate> specBroadcast = specs.broadcast(PosteriorUpdateFunction.SPECS);

    SingleOutputStreamOperator<WindowResult> results = rows
        .keyBy(ObservationRow::modelId)
        .connect(specBroadcast)
        .process(new PosteriorUpdateFunction(updater,
            config.unknownModelTimeout().toMillis(), config.maxBufferedValues()))
        .uid("posterior-update")
        .name("posterior-update");

    DataStream<OutRecord> deadLetters = rows.getSideOutput(SOURCE_DEAD_LETTERS)
        .union(specs.getSideOutput(SOURCE_DEAD_LETTERS),
            results.getSideOutput(PosteriorUpdateFunction.DEAD_LETTERS))
        .map(new DeadLetterRecords(config.deadLettersTopic(), deadLetterEncoder))
        .name("dead-letter-records");

    results
        .flatMap(new ResultRecords(config.summariesTopic(), config.drawsTopic()))
        .name("posterior-records")
        .union(deadLetters)
        .sinkTo(sink())
        .uid("kafka-sink")
        .name("kafka-sink");
  }

  private KafkaSource<ObservationInput> observationSource() {
    return KafkaSource.<ObservationInput>builder()
        .setBootstrapServers(config.bootstrapServers())
        .setTopics(config.observationsTopic())
        .setGroupId(config.groupId())
        .setStartingOffsets(OffsetsInitializer.earliest())
        .setDeserializer(new ObservationDeserializer(observationDecoder))
        .setProperties(consumerProperties())
        .build();
  }

  private KafkaSource<SpecInput> specSource() {
    return KafkaSource.<SpecInput>builder()
        .setBootstrapServers(config.bootstrapServers())
        .setTopics(config.modelsTopic())
        .setGroupId(config.groupId() + "-models")
        .setStartingOffsets(OffsetsInitializer.earliest())
        .setDeserializer(new SpecDeserializer(modelSpecDecoder))
        .setProperties(consumerProperties())
        .build();
  }

  private Properties consumerProperties() {
    Properties p = new Properties();
    p.putAll(config.kafkaProperties());
    // Upstream producers may be transactional: never read what they abort.
    p.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG,
        IsolationLevel.READ_COMMITTED.toString().toLowerCase(java.util.Locale.ROOT));
    return p;
  }

  private KafkaSink<OutRecord> sink() {
    Properties p = new Properties();
    p.putAll(config.kafkaProperties());
    p.setProperty(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
        Long.toString(config.transactionTimeout().toMillis()));
    return KafkaSink.<OutRecord>builder()
        .setBootstrapServers(config.bootstrapServers())
        .setKafkaProducerConfig(p)
        .setRecordSerializer(new OutRecordSerializer())
        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
        .setTransactionalIdPrefix(config.transactionalIdPrefix())
        .build();
  }

  /** Valid observation rows go on; dead letters go to the side output. */
  static final class SplitObservations extends ProcessFunction<ObservationInput, ObservationRow> {
    private static final long serialVersionUID = 1L;

    @Override
    public void processElement(ObservationInput in, Context ctx, Collector<ObservationRow> out) {
      if (in.row() != null) {
        out.collect(in.row());
      } else {
        ctx.output(SOURCE_DEAD_LETTERS, in.deadLetter());
      }
    }
  }

  /** Valid spec updates go on; dead letters go to the side output. */
  static final class SplitSpecs extends ProcessFunction<SpecInput, SpecUpdate> {
    private static final long serialVersionUID = 1L;

    @Override
    public void processElement(SpecInput in, Context ctx, Collector<SpecUpdate> out) {
      if (in.spec() != null) {
        out.collect(in.spec());
      } else {
        ctx.output(SOURCE_DEAD_LETTERS, in.deadLetter());
      }
    }
  }

  /** A window result becomes a summary record and, if present, a draws record. */
  static final class ResultRecords
      implements org.apache.flink.api.common.functions.FlatMapFunction<WindowResult, OutRecord> {
    private static final long serialVersionUID = 1L;
    private final String summariesTopic;
    private final String drawsTopic;

    ResultRecords(String summariesTopic, String drawsTopic) {
      this.summariesTopic = summariesTopic;
      this.drawsTopic = drawsTopic;
    }

    @Override
    public void flatMap(WindowResult r, Collector<OutRecord> out) {
      byte[] key = r.modelId().getBytes(StandardCharsets.UTF_8);
      out.collect(new OutRecord(summariesTopic, key, r.summary(), r.version(), r.lateRows()));
      if (r.draws() != null) {
        out.collect(new OutRecord(drawsTopic, key, r.draws(), r.version(), r.lateRows()));
      }
    }
  }

  /** A dead letter becomes a record on the dead-letters topic, keyed like its source record. */
  /**
   * Every dead letter of the job passes here on its way to the topic, so this is where they are
   * counted per cause: the metric {@code deadLetters} in the group {@code cause=<CAUSE>}.
   */
  static final class DeadLetterRecords
      extends org.apache.flink.api.common.functions.RichMapFunction<DeadLetter, OutRecord> {
    private static final long serialVersionUID = 1L;
    private final String topic;
    private final DeadLetterEncoder encoder;
    private transient java.util.Map<DeadLetterCause, org.apache.flink.metrics.Counter> counters;

    DeadLetterRecords(String topic, DeadLetterEncoder encoder) {
      this.topic = topic;
      this.encoder = encoder;
    }

    @Override
    public void open(org.apache.flink.api.common.functions.OpenContext context) {
      counters = new java.util.EnumMap<>(DeadLetterCause.class);
      for (DeadLetterCause c : DeadLetterCause.values()) {
        counters.put(c, getRuntimeContext().getMetricGroup().addGroup("cause", c.name())
            .counter("deadLetters"));
      }
    }

    @Override
    public OutRecord map(DeadLetter d) {
      if (counters != null) {
        counters.get(d.cause()).inc();
      }
      return new OutRecord(topic, d.key(), encoder.encode(d), -1, -1);
    }
  }

  /** Collects the pluggable parts; {@link #build()} checks that each is there. */
  public static final class Builder {
    private final PosteriorJobConfig config;
    private ObservationDecoder observationDecoder;
    private ModelSpecDecoder modelSpecDecoder;
    private WindowUpdater updater;
    private DeadLetterEncoder deadLetterEncoder = DeadLetterEncoder.text();

    private Builder(PosteriorJobConfig config) {
      this.config = Objects.requireNonNull(config, "config must be non-null");
    }

    /** Decoder of observation records (required). */
    public Builder observationDecoder(ObservationDecoder d) {
      this.observationDecoder = Objects.requireNonNull(d, "observationDecoder must be non-null");
      return this;
    }

    /** Decoder of model spec records (required). */
    public Builder modelSpecDecoder(ModelSpecDecoder d) {
      this.modelSpecDecoder = Objects.requireNonNull(d, "modelSpecDecoder must be non-null");
      return this;
    }

    /** The window update (required). */
    public Builder updater(WindowUpdater u) {
      this.updater = Objects.requireNonNull(u, "updater must be non-null");
      return this;
    }

    /** Encoder of dead letters; default {@link DeadLetterEncoder#text()}. */
    public Builder deadLetterEncoder(DeadLetterEncoder e) {
      this.deadLetterEncoder = Objects.requireNonNull(e, "deadLetterEncoder must be non-null");
      return this;
    }

    public PosteriorJob build() {
      if (observationDecoder == null) {
        throw new IllegalStateException("PosteriorJob needs an observationDecoder; set one with "
            + "observationDecoder(...)");
      }
      if (modelSpecDecoder == null) {
        throw new IllegalStateException("PosteriorJob needs a modelSpecDecoder; set one with "
            + "modelSpecDecoder(...)");
      }
      if (updater == null) {
        throw new IllegalStateException("PosteriorJob needs a WindowUpdater; set one with "
            + "updater(...)");
      }
      return new PosteriorJob(this);
    }
  }
}
