package io.sivistream.app.job;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.CheckpointingMode;

/**
 * Settings of the posterior job. Build with {@link #builder(String)}; every default is listed in
 * {@link Builder}.
 *
 * @param bootstrapServers      Kafka {@code bootstrap.servers}
 * @param observationsTopic     input topic of observations (key = model id)
 * @param modelsTopic           compacted input topic of model specs (key = model id)
 * @param summariesTopic        output topic of posterior summaries
 * @param drawsTopic            output topic of posterior draws
 * @param deadLettersTopic      output topic of records that could not be used
 * @param groupId               consumer group of the sources (offsets are also in checkpoints)
 * @param transactionalIdPrefix prefix of the sink's Kafka transactional ids; unique per job
 * @param transactionTimeout    sink {@code transaction.timeout.ms}; must not exceed the broker's
 *                              {@code transaction.max.timeout.ms} (Kafka default 15 min) and must
 *                              exceed the longest expected checkpoint interval plus restart time
 * @param checkpointInterval    exactly-once output becomes visible at this cadence
 * @param maxOutOfOrderness     watermark lag behind the largest event time seen
 * @param idleness              a source partition without records this long stops holding the
 *                              watermark back
 * @param unknownModelTimeout   rows of a model without a spec wait this long, then go to dead
 *                              letters
 * @param stateBackend          {@code hashmap} (heap) or {@code rocksdb}
 * @param checkpointDir         checkpoint storage URI (e.g. {@code file:///var/ckpt},
 *                              {@code s3://...}), or null to keep checkpoints in the job manager
 * @param restoreFrom           path of a retained checkpoint or savepoint to start from (state,
 *                              source offsets, pending transactions), or null for a fresh start
 * @param restartAttempts       fixed-delay restart attempts after a failure
 * @param restartDelay          delay between restart attempts
 * @param parallelism           operator parallelism, or 0 for the environment's default
 * @param kafkaProperties       extra client properties for sources and sink (security etc.)
 * @param maxBufferedValues     numbers (features + label per row) a model buffers per open
 *                              time window; beyond it the window is a uniform sample whose
 *                              likelihood counts the true rows (default
 *                              {@code WindowSampling.MAX_BUFFERED_VALUES}, at least 1,000 rows)
 */
public record PosteriorJobConfig(
    String bootstrapServers,
    String observationsTopic,
    String modelsTopic,
    String summariesTopic,
    String drawsTopic,
    String deadLettersTopic,
    String groupId,
    String transactionalIdPrefix,
    Duration transactionTimeout,
    Duration checkpointInterval,
    Duration maxOutOfOrderness,
    Duration idleness,
    Duration unknownModelTimeout,
    String stateBackend,
    String checkpointDir,
    String restoreFrom,
    int restartAttempts,
    Duration restartDelay,
    int parallelism,
    Map<String, String> kafkaProperties,
    long maxBufferedValues) {

  /** Accepted values of {@link #stateBackend}. */
  public static final Set<String> STATE_BACKENDS = Set.of("hashmap", "rocksdb");

  public PosteriorJobConfig {
    requireText("bootstrapServers", bootstrapServers);
    requireText("observationsTopic", observationsTopic);
    requireText("modelsTopic", modelsTopic);
    requireText("summariesTopic", summariesTopic);
    requireText("drawsTopic", drawsTopic);
    requireText("deadLettersTopic", deadLettersTopic);
    requireText("groupId", groupId);
    requireText("transactionalIdPrefix", transactionalIdPrefix);
    requirePositive("transactionTimeout", transactionTimeout);
    requirePositive("checkpointInterval", checkpointInterval);
    requireNonNegative("maxOutOfOrderness", maxOutOfOrderness);
    requirePositive("idleness", idleness);
    requirePositive("unknownModelTimeout", unknownModelTimeout);
    requireNonNegative("restartDelay", restartDelay);
    if (transactionTimeout.compareTo(checkpointInterval) <= 0) {
      throw new IllegalArgumentException("transactionTimeout must be > checkpointInterval ("
          + checkpointInterval + "), got " + transactionTimeout
          + ": a transaction stays open for a whole checkpoint interval");
    }
    if (!STATE_BACKENDS.contains(stateBackend)) {
      throw new IllegalArgumentException(
          "stateBackend must be one of " + STATE_BACKENDS + ", got '" + stateBackend + "'");
    }
    if (restartAttempts < 0) {
      throw new IllegalArgumentException("restartAttempts must be >= 0, got " + restartAttempts);
    }
    if (parallelism < 0) {
      throw new IllegalArgumentException(
          "parallelism must be >= 0 (0 = environment default), got " + parallelism);
    }
    kafkaProperties = Map.copyOf(kafkaProperties == null ? Map.of() : kafkaProperties);
    if (maxBufferedValues < 1) {
      throw new IllegalArgumentException("maxBufferedValues must be >= 1, got " + maxBufferedValues);
    }
  }

  /** A builder with the defaults, for the given Kafka bootstrap servers. */
  public static Builder builder(String bootstrapServers) {
    return new Builder(bootstrapServers);
  }

  /** A builder starting from this config's values. */
  public Builder toBuilder() {
    Builder b = new Builder(bootstrapServers);
    b.observationsTopic = observationsTopic;
    b.modelsTopic = modelsTopic;
    b.summariesTopic = summariesTopic;
    b.drawsTopic = drawsTopic;
    b.deadLettersTopic = deadLettersTopic;
    b.groupId = groupId;
    b.transactionalIdPrefix = transactionalIdPrefix;
    b.transactionTimeout = transactionTimeout;
    b.checkpointInterval = checkpointInterval;
    b.maxOutOfOrderness = maxOutOfOrderness;
    b.idleness = idleness;
    b.unknownModelTimeout = unknownModelTimeout;
    b.stateBackend = stateBackend;
    b.checkpointDir = checkpointDir;
    b.restoreFrom = restoreFrom;
    b.restartAttempts = restartAttempts;
    b.restartDelay = restartDelay;
    b.parallelism = parallelism;
    b.kafkaProperties = kafkaProperties;
    b.maxBufferedValues = maxBufferedValues;
    return b;
  }

  /**
   * The job-level Flink settings: exactly-once checkpoints at {@link #checkpointInterval}, retained
   * on cancellation (so a job can be resumed from its last checkpoint), the state backend, and a
   * fixed-delay restart strategy.
   */
  public Configuration flinkConfiguration() {
    Configuration c = new Configuration();
    c.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpointInterval);
    c.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
    c.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
        ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    c.set(StateBackendOptions.STATE_BACKEND, stateBackend);
    if (checkpointDir != null) {
      c.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
      c.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDir);
    }
    if (restoreFrom != null) {
      c.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom);
    }
    c.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, restartAttempts);
    c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, restartDelay);
    return c;
  }

  private static void requireText(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must be non-blank, got '" + value + "'");
    }
  }

  private static void requirePositive(String name, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be > 0, got " + d);
    }
  }

  private static void requireNonNegative(String name, Duration d) {
    if (d == null || d.isNegative()) {
      throw new IllegalArgumentException(name + " must be >= 0, got " + d);
    }
  }

  /** Fluent construction; {@link #build()} validates. The field initializers are the defaults. */
  public static final class Builder {
    private final String bootstrapServers;
    private String observationsTopic = "observations";
    private String modelsTopic = "models";
    private String summariesTopic = "posterior-summaries";
    private String drawsTopic = "posterior-draws";
    private String deadLettersTopic = "dead-letters";
    private String groupId = "sivistream-posterior";
    private String transactionalIdPrefix = "sivistream-posterior";
    private Duration transactionTimeout = Duration.ofMinutes(15);
    private Duration checkpointInterval = Duration.ofSeconds(10);
    private Duration maxOutOfOrderness = Duration.ofSeconds(5);
    private Duration idleness = Duration.ofSeconds(30);
    private Duration unknownModelTimeout = Duration.ofMinutes(1);
    private String stateBackend = "hashmap";
    private String checkpointDir;
    private String restoreFrom;
    private int restartAttempts = 10;
    private Duration restartDelay = Duration.ofSeconds(2);
    private int parallelism;
    private Map<String, String> kafkaProperties = Map.of();
    private long maxBufferedValues = WindowSampling.MAX_BUFFERED_VALUES;

    private Builder(String bootstrapServers) {
      this.bootstrapServers = bootstrapServers;
    }

    public Builder observationsTopic(String v) {
      observationsTopic = v;
      return this;
    }

    public Builder modelsTopic(String v) {
      modelsTopic = v;
      return this;
    }

    public Builder summariesTopic(String v) {
      summariesTopic = v;
      return this;
    }

    public Builder drawsTopic(String v) {
      drawsTopic = v;
      return this;
    }

    public Builder deadLettersTopic(String v) {
      deadLettersTopic = v;
      return this;
    }

    public Builder groupId(String v) {
      groupId = v;
      return this;
    }

    public Builder transactionalIdPrefix(String v) {
      transactionalIdPrefix = v;
      return this;
    }

    public Builder transactionTimeout(Duration v) {
      transactionTimeout = v;
      return this;
    }

    public Builder checkpointInterval(Duration v) {
      checkpointInterval = v;
      return this;
    }

    public Builder maxOutOfOrderness(Duration v) {
      maxOutOfOrderness = v;
      return this;
    }

    public Builder idleness(Duration v) {
      idleness = v;
      return this;
    }

    public Builder unknownModelTimeout(Duration v) {
      unknownModelTimeout = v;
      return this;
    }

    public Builder stateBackend(String v) {
      stateBackend = v;
      return this;
    }

    public Builder checkpointDir(String v) {
      checkpointDir = v;
      return this;
    }

    public Builder restoreFrom(String v) {
      restoreFrom = v;
      return this;
    }

    public Builder restartAttempts(int v) {
      restartAttempts = v;
      return this;
    }

    public Builder restartDelay(Duration v) {
      restartDelay = v;
      return this;
    }

    public Builder parallelism(int v) {
      parallelism = v;
      return this;
    }

    public Builder kafkaProperties(Map<String, String> v) {
      kafkaProperties = v;
      return this;
    }

    public Builder maxBufferedValues(long v) {
      maxBufferedValues = v;
      return this;
    }

    public PosteriorJobConfig build() {
      return new PosteriorJobConfig(bootstrapServers, observationsTopic, modelsTopic,
          summariesTopic, drawsTopic, deadLettersTopic, groupId, transactionalIdPrefix,
          transactionTimeout, checkpointInterval, maxOutOfOrderness, idleness,
          unknownModelTimeout, stateBackend, checkpointDir, restoreFrom, restartAttempts,
          restartDelay, parallelism, kafkaProperties, maxBufferedValues);
    }
  }
}
