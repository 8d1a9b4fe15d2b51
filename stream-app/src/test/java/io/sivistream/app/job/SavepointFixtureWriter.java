package io.sivistream.app.job;

import static io.sivistream.app.job.TextCodecs.observation;

import io.sivistream.app.embedded.EmbeddedKafka;
import io.sivistream.app.embedded.LocalFlink;
import io.sivistream.app.embedded.TopicSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;

/**
 * Writes the savepoint fixture that {@link SavepointFixtureITCase} restores: run once per state
 * format change, never in the build, and commit its output
 * ({@code stream-app/src/test/resources/savepoints/v1}). Usage: {@code SavepointFixtureWriter DIR}.
 *
 * <p>The job (text codecs, {@link MeanUpdater}) sees model m1 with 5-row windows and 12 rows (two
 * windows published, two rows still buffered) and model m2 registered without rows, then stops
 * with a canonical savepoint, the format users take before an upgrade.
 */
public final class SavepointFixtureWriter {

  static final String PREFIX = "fixture";
  static final int ROWS = 12;

  /** Label of row i of m1 in the fixture. */
  static double label(int i) {
    return i % 4 + 0.5 * i;
  }

  /** The fixture job's config (topics, group, transactional ids), also that of the job restoring it. */
  static PosteriorJobConfig config(String bootstrap) {
    return PosteriorJobConfig.builder(bootstrap)
        .observationsTopic(PREFIX + "-observations").modelsTopic(PREFIX + "-models")
        .summariesTopic(PREFIX + "-summaries").drawsTopic(PREFIX + "-draws")
        .deadLettersTopic(PREFIX + "-dead-letters").groupId(PREFIX + "-group")
        .transactionalIdPrefix(PREFIX + "-tx").checkpointInterval(Duration.ofSeconds(1))
        .transactionTimeout(Duration.ofMinutes(10)).maxOutOfOrderness(Duration.ZERO)
        .idleness(Duration.ofSeconds(1)).parallelism(1).build();
  }

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]).toAbsolutePath();
    Files.createDirectories(out);
    try (EmbeddedKafka kafka = EmbeddedKafka.start(0); LocalFlink flink = LocalFlink.start()) {
      kafka.createTopics(TopicSpec.of(PREFIX + "-observations", 1), TopicSpec.compacted(PREFIX + "-models", 1),
          TopicSpec.of(PREFIX + "-summaries", 1), TopicSpec.of(PREFIX + "-draws", 1),
          TopicSpec.of(PREFIX + "-dead-letters", 1));
      PosteriorJobConfig config = config(kafka.bootstrapServers());
      KafkaTestIO io = new KafkaTestIO(kafka.bootstrapServers());
      io.send(config.modelsTopic(), List.<String[]>of(new String[] {"m1", "windowRows=5,features=1"},
          new String[] {"m2", "windowRows=3,features=1"}));
      JobClient job = TextJob.start(flink, config, PREFIX, Duration.ofSeconds(60));
      List<String[]> rows = new ArrayList<>();
      for (int i = 0; i < ROWS; i++) {
        rows.add(new String[] {"m1", observation(i, label(i), 1.0)});
      }
      io.send(config.observationsTopic(), rows);
      io.awaitCommitted(config.summariesTopic(), 2, Duration.ofSeconds(60));
      Thread.sleep(3000); // the two buffered rows reach the operator's state
      String savepoint = job.stopWithSavepoint(false, out.toUri().toString(), SavepointFormatType.CANONICAL).get();
      System.out.println("savepoint written to " + savepoint);
      try (Stream<Path> files = Files.walk(Path.of(java.net.URI.create(savepoint)))) {
        files.forEach(System.out::println);
      }
    }
  }
}
