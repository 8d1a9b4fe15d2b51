package io.sivistream.app.job;

import static io.sivistream.app.job.TextCodecs.observation;
import static org.assertj.core.api.Assertions.assertThat;

import io.sivistream.app.embedded.EmbeddedKafka;
import io.sivistream.app.embedded.LocalFlink;
import io.sivistream.app.embedded.TopicSpec;
import io.sivistream.app.job.KafkaTestIO.Out;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;

/**
 * A broker outage mid-stream: the embedded broker stopped for {@value #OUTAGE_SECONDS} s and
 * started again on the same log directories. The job, left at its default restart settings,
 * recovers by itself, and read_committed consumers see every version once, gapless, with the
 * values of an uninterrupted run.
 */
class BrokerOutageITCase {

  static final int OUTAGE_SECONDS = 30;
  private static final Duration WAIT = Duration.ofSeconds(120);

  @Test
  void theJobRidesOutAThirtySecondBrokerOutage() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(0); LocalFlink flink = LocalFlink.start()) {
      kafka.createTopics(TopicSpec.of("o-observations", 2), TopicSpec.compacted("o-models", 1),
          TopicSpec.of("o-summaries", 1), TopicSpec.of("o-draws", 1), TopicSpec.of("o-dead-letters", 1));
      // the defaults for everything that decides recovery (restarts, timeouts); 1 s checkpoints
      PosteriorJobConfig config = PosteriorJobConfig.builder(kafka.bootstrapServers())
          .observationsTopic("o-observations").modelsTopic("o-models").summariesTopic("o-summaries")
          .drawsTopic("o-draws").deadLettersTopic("o-dead-letters").groupId("o-group")
          .transactionalIdPrefix("o-tx").checkpointInterval(Duration.ofSeconds(1))
          .maxOutOfOrderness(Duration.ZERO).idleness(Duration.ofSeconds(1)).parallelism(2).build();
      KafkaTestIO io = new KafkaTestIO(kafka.bootstrapServers());
      List<Double> labels = new ArrayList<>();
      for (int i = 0; i < 25; i++) {
        labels.add((double) (i % 6 + i / 5));
      }
      io.send(config.modelsTopic(), List.<String[]>of(new String[] {"m", "windowRows=5,features=1"}));
      JobClient job = TextJob.start(flink, config, "outage", WAIT);
      try {
        io.send(config.observationsTopic(), rows(labels, 0, 10));
        io.awaitCommitted(config.summariesTopic(), 2, WAIT);

        kafka.stopKeepingLogs();
        Thread.sleep(OUTAGE_SECONDS * 1000L);
        kafka.restart();

        io.send(config.observationsTopic(), rows(labels, 10, 25));
        io.awaitCommitted(config.summariesTopic(), 5, WAIT);
        Thread.sleep(2500); // nothing more arrives: no duplicate after the last version
        List<Out> summaries = io.readCommitted(config.summariesTopic());
        assertThat(summaries).extracting(o -> o.key() + "/" + o.value().split(",")[0])
            .as("versions").hasSize(5);
        assertThat(summaries).extracting(Out::value).containsExactlyElementsOf(MeanUpdater.summaries("m", labels, 5));
        assertThat(flink.status(job.getJobID()).isGloballyTerminalState()).as("job still running").isFalse();
      } finally {
        if (!flink.status(job.getJobID()).isGloballyTerminalState()) {
          flink.cancel(job, Duration.ofSeconds(60));
        }
      }
    }
  }

  private static List<String[]> rows(List<Double> labels, int from, int to) {
    List<String[]> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      out.add(new String[] {"m", observation(i, labels.get(i), 1.0)});
    }
    return out;
  }

}
