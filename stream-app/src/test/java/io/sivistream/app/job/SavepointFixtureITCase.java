package io.sivistream.app.job;

import org.apache.flink.core.execution.JobClient;
import java.time.Duration;
import io.sivistream.app.embedded.TopicSpec;
import io.sivistream.app.embedded.LocalFlink;
import io.sivistream.app.embedded.EmbeddedKafka;
import static org.assertj.core.api.Assertions.assertThat;

import io.sivistream.app.job.state.SpecUpdateSerializer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.SavepointReader;
import org.apache.flink.state.api.functions.KeyedStateReaderFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The savepoint this release's state format writes (committed under
 * src/test/resources/savepoints/v1 by {@link SavepointFixtureWriter}) is read back through the
 * job's own state descriptors and serializers: a release that changes a state's name, type or
 * format without a reader for v1 fails here, before it strands users' savepoints.
 */
class SavepointFixtureITCase {

  private static final String UPDATE_UID = "posterior-update";

  @Test
  void theV1SavepointRestoresEveryKeyedAndBroadcastState(@TempDir Path dir) throws Exception {
    String path = copyFixture("savepoints/v1", dir);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    SavepointReader savepoint = SavepointReader.read(env, path, new HashMapStateBackend());

    List<String> keyed = collect(savepoint.readKeyedState(OperatorIdentifier.forUid(UPDATE_UID), new StateDump(),
        Types.STRING, Types.STRING));
    List<Tuple2<String, SpecUpdate>> specs = collect(savepoint.readBroadcastState(
        OperatorIdentifier.forUid(UPDATE_UID), PosteriorUpdateFunction.SPECS.getName(), Types.STRING,
        TypeInformation.of(SpecUpdate.class), StringSerializer.INSTANCE, new SpecUpdateSerializer()));

    // m1: windows of 5, rows 0-11 sent: two windows published, rows 10 and 11 still buffered
    assertThat(keyed).containsExactly(String.join("|", "m1",
        "windowsDone=2", "bufferedRows=2", "admitted=5/0", "late=0/0", "failed=0:", "epoch=0",
        "row(10,[1.0]," + SavepointFixtureWriter.label(10) + ",fixture-observations-0@10)",
        "row(11,[1.0]," + SavepointFixtureWriter.label(11) + ",fixture-observations-0@11)",
        "posterior=" + meanState(10)));
    assertThat(specs).extracting(t -> t.f1).containsExactlyInAnyOrder(
        new SpecUpdate("m1", "windowRows=5,features=1", 5, 0, 1, false),
        new SpecUpdate("m2", "windowRows=3,features=1", 3, 0, 1, false));
  }

  /**
   * The same fixture restored into a running job, as an upgrade restores a user's savepoint: on a
   * new broker holding the same topics (the 12 rows again, so the source's restored offsets point
   * at real records), three new rows join the two buffered ones and m1 publishes version 3, equal
   * to an uninterrupted run over the 15 rows; versions 1 and 2 are not published again.
   */
  @Test
  void aJobRestoredFromTheV1SavepointGoesOnWhereItStopped(@TempDir Path dir) throws Exception {
    String path = copyFixture("savepoints/v1", dir);
    String prefix = SavepointFixtureWriter.PREFIX;
    try (EmbeddedKafka kafka = EmbeddedKafka.start(0); LocalFlink flink = LocalFlink.start()) {
      kafka.createTopics(TopicSpec.of(prefix + "-observations", 1), TopicSpec.compacted(prefix + "-models", 1),
          TopicSpec.of(prefix + "-summaries", 1), TopicSpec.of(prefix + "-draws", 1),
          TopicSpec.of(prefix + "-dead-letters", 1));
      PosteriorJobConfig config = SavepointFixtureWriter.config(kafka.bootstrapServers()).toBuilder()
          .restoreFrom(path).build();
      KafkaTestIO io = new KafkaTestIO(kafka.bootstrapServers());
      io.send(config.modelsTopic(), List.<String[]>of(new String[] {"m1", "windowRows=5,features=1"},
          new String[] {"m2", "windowRows=3,features=1"}));
      List<Double> labels = new ArrayList<>();
      List<String[]> rows = new ArrayList<>();
      for (int i = 0; i < SavepointFixtureWriter.ROWS + 3; i++) {
        labels.add(SavepointFixtureWriter.label(i));
        rows.add(new String[] {"m1", TextCodecs.observation(i, SavepointFixtureWriter.label(i), 1.0)});
      }
      io.send(config.observationsTopic(), rows.subList(0, SavepointFixtureWriter.ROWS));
      JobClient job = TextJob.start(flink, config, "restored", Duration.ofSeconds(60));
      try {
        io.send(config.observationsTopic(), rows.subList(SavepointFixtureWriter.ROWS, rows.size()));
        List<KafkaTestIO.Out> out = io.awaitCommitted(config.summariesTopic(), 1, Duration.ofSeconds(60));
        assertThat(out).extracting(KafkaTestIO.Out::value)
            .containsExactly(MeanUpdater.summaries("m1", labels, 5).get(2));
      } finally {
        flink.cancel(job, Duration.ofSeconds(60));
      }
    }
  }

  /** MeanUpdater's state after the first n rows of the fixture, computed here window by window. */
  private static String meanState(int n) {
    byte[] state = null;
    for (int w = 0; w * 5 < n; w++) {
      List<Double> labels = new ArrayList<>();
      for (int i = w * 5; i < (w + 1) * 5; i++) {
        labels.add(SavepointFixtureWriter.label(i));
      }
      state = MeanUpdater.apply("m1", state, labels, w + 1).state();
    }
    return new String(state, StandardCharsets.UTF_8);
  }

  /** Every keyed state of the update operator, through the job's own descriptors, as one line per key. */
  static final class StateDump extends KeyedStateReaderFunction<String, String> {
    private transient ListState<BufferedRow> buffer;
    private transient ValueState<byte[]> posterior;
    private transient ValueState<WindowProgress> progress;

    @Override
    public void open(OpenContext context) {
      buffer = getRuntimeContext().getListState(PosteriorUpdateFunction.bufferState());
      posterior = getRuntimeContext().getState(PosteriorUpdateFunction.posteriorState());
      progress = getRuntimeContext().getState(PosteriorUpdateFunction.progressState());
    }

    @Override
    public void readKey(String key, Context ctx, Collector<String> out) throws Exception {
      WindowProgress p = progress.value();
      List<String> parts = new ArrayList<>(List.of(key, "windowsDone=" + p.windowsDone,
          "bufferedRows=" + p.bufferedRows, "admitted=" + p.admittedRows + "/" + p.admittedMillis,
          "late=" + p.lateInWindow + "/" + p.lateTotal, "failed=" + p.failedWindows + ":" + p.lastFailure,
          "epoch=" + p.epoch));
      for (BufferedRow r : buffer.get()) {
        parts.add("row(" + r.eventTime() + "," + java.util.Arrays.toString(r.features()) + "," + r.label() + ","
            + r.origin() + ")");
      }
      byte[] b = posterior.value();
      parts.add("posterior=" + (b == null ? "none" : new String(b, StandardCharsets.UTF_8)));
      out.collect(String.join("|", parts));
    }
  }

  private static <T> List<T> collect(org.apache.flink.streaming.api.datastream.DataStream<T> stream) throws Exception {
    List<T> out = new ArrayList<>();
    try (CloseableIterator<T> it = stream.executeAndCollect()) {
      it.forEachRemaining(out::add);
    }
    return out;
  }

  /** The fixture copied out of the classpath (Flink reads savepoints from a file system path). */
  private static String copyFixture(String resource, Path dir) throws IOException {
    Path source;
    try {
      source = Path.of(SavepointFixtureITCase.class.getClassLoader().getResource(resource).toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IOException(e);
    }
    try (Stream<Path> files = Files.walk(source)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path target = dir.resolve(source.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
    return dir.toUri().toString();
  }
}
