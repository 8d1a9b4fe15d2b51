package io.sivistream.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sivistream.app.job.PosteriorJobConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobConfigFileTest {

  @Test
  void everyKeyIsRead() {
    JobConfigFile f = JobConfigFile.parse(String.join("\n",
        "bootstrapServers: kafka-0:9092,kafka-1:9092",
        "topics: {observations: obs, models: specs, summaries: sums, draws: dr, deadLetters: dl}",
        "groupId: g",
        "transactionalIdPrefix: tx",
        "parallelism: 4",
        "stateBackend: rocksdb",
        "checkpointDir: s3://bucket/ckpt",
        "checkpointInterval: 30s",
        "transactionTimeout: 10m",
        "maxOutOfOrderness: 500ms",
        "idleness: 1h",
        "unknownModelTimeout: PT2M",
        "restoreFrom: s3://bucket/ckpt/x/chk-3",
        "restartAttempts: 3",
        "restartDelay: 5",
        "draws: 50",
        "maxBufferedValues: 500000",
        "kafka:",
        "  security.protocol: SASL_SSL",
        "  sasl.mechanism: SCRAM-SHA-512",
        "  request.timeout.ms: 30000"), "job.yaml");
    PosteriorJobConfig c = f.job();
    assertThat(c.bootstrapServers()).isEqualTo("kafka-0:9092,kafka-1:9092");
    assertThat(c.observationsTopic()).isEqualTo("obs");
    assertThat(c.modelsTopic()).isEqualTo("specs");
    assertThat(c.summariesTopic()).isEqualTo("sums");
    assertThat(c.drawsTopic()).isEqualTo("dr");
    assertThat(c.deadLettersTopic()).isEqualTo("dl");
    assertThat(c.groupId()).isEqualTo("g");
    assertThat(c.transactionalIdPrefix()).isEqualTo("tx");
    assertThat(c.parallelism()).isEqualTo(4);
    assertThat(c.stateBackend()).isEqualTo("rocksdb");
    assertThat(c.checkpointDir()).isEqualTo("s3://bucket/ckpt");
    assertThat(c.checkpointInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.transactionTimeout()).isEqualTo(Duration.ofMinutes(10));
    assertThat(c.maxOutOfOrderness()).isEqualTo(Duration.ofMillis(500));
    assertThat(c.idleness()).isEqualTo(Duration.ofHours(1));
    assertThat(c.unknownModelTimeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(c.restoreFrom()).isEqualTo("s3://bucket/ckpt/x/chk-3");
    assertThat(c.restartAttempts()).isEqualTo(3);
    assertThat(c.restartDelay()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.kafkaProperties()).isEqualTo(Map.of("security.protocol", "SASL_SSL",
        "sasl.mechanism", "SCRAM-SHA-512", "request.timeout.ms", "30000"));
    assertThat(f.draws()).isEqualTo(50);
    assertThat(c.maxBufferedValues()).isEqualTo(500_000);
  }

  @Test
  void onlyBootstrapServersIsRequired() {
    JobConfigFile f = JobConfigFile.parse("bootstrapServers: 127.0.0.1:9092", "job.yaml");
    assertThat(f.job()).isEqualTo(PosteriorJobConfig.builder("127.0.0.1:9092").build());
    assertThat(f.draws()).isEqualTo(200);
  }

  @Test
  void mistakesNameTheFileTheKeyAndTheFix() {
    assertThat(error("")).isEqualTo(
        "job.yaml: the job config is empty; it needs at least 'bootstrapServers: host:9092'");
    assertThat(error("parallelism: 2")).startsWith("job.yaml: missing key 'bootstrapServers'");
    assertThat(error("bootstrapServers: k:9092\nstatebackend: rocksdb")).isEqualTo(
        "job.yaml: unknown key 'statebackend'; valid keys: " + String.join(", ",
            JobConfigFile.KEYS));
    assertThat(error("bootstrapServers: k:9092\ntopics: {summary: s}")).startsWith(
        "job.yaml: unknown key 'summary' in topics; valid keys: observations, models,");
    assertThat(error("bootstrapServers: k:9092\nstateBackend: memory")).isEqualTo(
        "job.yaml: stateBackend must be one of " + PosteriorJobConfig.STATE_BACKENDS
            + ", got 'memory'");
    assertThat(error("bootstrapServers: k:9092\ncheckpointInterval: soon")).isEqualTo(
        "job.yaml: checkpointInterval: 'soon' is not a duration; write e.g. 500ms, 10s, 2m, 1h,"
            + " a number of seconds, or ISO-8601 such as PT10S");
    assertThat(error("bootstrapServers: k:9092\ncheckpointInterval: 0s"))
        .isEqualTo("job.yaml: checkpointInterval must be > 0, got PT0S");
    assertThat(error("bootstrapServers: k:9092\nparallelism: two"))
        .isEqualTo("job.yaml: parallelism must be a whole number, got \"two\"");
    assertThat(error("bootstrapServers: k:9092\ndraws: -1"))
        .isEqualTo("job.yaml: draws must be >= 0 (0 = publish none), got -1");
    assertThat(error("bootstrapServers: k:9092\nmaxBufferedValues: 0"))
        .startsWith("job.yaml: maxBufferedValues must be >= 1");
    assertThat(error("bootstrapServers: k:9092\nkafka: SSL"))
        .startsWith("job.yaml: kafka must be a mapping of Kafka client properties");
    assertThat(error("bootstrapServers: [a\n")).startsWith("job.yaml: not valid YAML");
    assertThat(error("bootstrapServers: k:9092\ncheckpointInterval: 20m")).startsWith(
        "job.yaml: transactionTimeout must be > checkpointInterval");
  }

  @Test
  void durationsInEveryAcceptedForm() {
    assertThat(JobConfigFile.duration("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(JobConfigFile.duration("1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(JobConfigFile.duration("2 m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(JobConfigFile.duration("3H")).isEqualTo(Duration.ofHours(3));
    assertThat(JobConfigFile.duration("12")).isEqualTo(Duration.ofSeconds(12));
    assertThat(JobConfigFile.duration("PT0.1S")).isEqualTo(Duration.ofMillis(100));
    assertThatThrownBy(() -> JobConfigFile.duration("-1s"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static String error(String yaml) {
    try {
      JobConfigFile.parse(yaml, "job.yaml");
    } catch (UserError e) {
      return e.getMessage();
    }
    throw new AssertionError("expected a UserError for: " + yaml);
  }
}
