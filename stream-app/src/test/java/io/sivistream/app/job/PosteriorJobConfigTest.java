package io.sivistream.app.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.junit.jupiter.api.Test;

class PosteriorJobConfigTest {

  @Test
  void defaultsMatchTheDesignTopicsAndAKafkaAcceptableTransactionTimeout() {
    PosteriorJobConfig c = PosteriorJobConfig.builder("127.0.0.1:9092").build();
    assertThat(c.observationsTopic()).isEqualTo("observations");
    assertThat(c.modelsTopic()).isEqualTo("models");
    assertThat(c.summariesTopic()).isEqualTo("posterior-summaries");
    assertThat(c.drawsTopic()).isEqualTo("posterior-draws");
    assertThat(c.deadLettersTopic()).isEqualTo("dead-letters");
    // Kafka's default transaction.max.timeout.ms is 15 minutes.
    assertThat(c.transactionTimeout()).isLessThanOrEqualTo(Duration.ofMinutes(15));
    assertThat(c.toBuilder().build()).isEqualTo(c);
  }

  @Test
  void flinkConfigurationCarriesCheckpointingStateBackendAndRestartStrategy() {
    Configuration f = PosteriorJobConfig.builder("k:9092").checkpointInterval(Duration.ofSeconds(2))
        .stateBackend("rocksdb").checkpointDir("file:///tmp/ckpt").restartAttempts(4).build()
        .flinkConfiguration();
    assertThat(f.get(CheckpointingOptions.CHECKPOINTING_INTERVAL)).isEqualTo(Duration.ofSeconds(2));
    assertThat(f.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
    assertThat(f.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).isEqualTo("file:///tmp/ckpt");
    assertThat(f.get(RestartStrategyOptions.RESTART_STRATEGY)).isEqualTo("fixed-delay");
    assertThat(f.get(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS)).isEqualTo(4);
  }

  @Test
  void invalidSettingsAreRejectedWithTheParameterAndTheValue() {
    var b = PosteriorJobConfig.builder("k:9092");
    assertThatThrownBy(() -> b.stateBackend("rocks").build())
        .hasMessageStartingWith("stateBackend must be one of").hasMessageContaining("'rocks'");
    assertThatThrownBy(() -> PosteriorJobConfig.builder(" ").build())
        .hasMessage("bootstrapServers must be non-blank, got ' '");
    assertThatThrownBy(() -> PosteriorJobConfig.builder("k:9092")
        .checkpointInterval(Duration.ofMinutes(20)).build())
        .hasMessageStartingWith("transactionTimeout must be > checkpointInterval (PT20M)");
    assertThatThrownBy(() -> PosteriorJobConfig.builder("k:9092").parallelism(-1).build())
        .hasMessage("parallelism must be >= 0 (0 = environment default), got -1");
  }

  @Test
  void windowPolicyNeedsExactlyOneOfRowsAndDuration() {
    assertThat(WindowPolicy.rows(250).byRows()).isTrue();
    assertThat(WindowPolicy.eventTime(Duration.ofSeconds(60)).byRows()).isFalse();
    assertThatThrownBy(() -> new WindowPolicy(10, Duration.ofSeconds(1)))
        .hasMessage("exactly one of windowRows and windowSeconds must be set,"
            + " got windowRows=10, windowSeconds=1.0");
    assertThatThrownBy(() -> WindowPolicy.rows(-5)).hasMessage("windowRows must be > 0, got -5");
  }

  @Test
  void clusterSettingsAddNd4jAndJavaCppParentFirstKeepingExistingPatterns() {
    Configuration c = new Configuration();
    c.set(CoreOptions.ALWAYS_PARENT_FIRST_LOADER_PATTERNS_ADDITIONAL, java.util.List.of("com.x"));
    ClusterSettings.applyTo(c);
    ClusterSettings.applyTo(c);
    assertThat(c.get(CoreOptions.ALWAYS_PARENT_FIRST_LOADER_PATTERNS_ADDITIONAL))
        .containsExactly("com.x", "org.nd4j", "org.bytedeco");
  }
}
