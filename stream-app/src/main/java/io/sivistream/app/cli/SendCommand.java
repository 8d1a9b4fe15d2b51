package io.sivistream.app.cli;

import io.sivistream.core.data.CsvDatasets;
import io.sivistream.core.data.Dataset;
import io.sivistream.core.spec.ModelSpec;
import io.sivistream.schemas.Observation;
import io.sivistream.schemas.Topics;
import io.sivistream.schemas.codec.AvroCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sivistream send}: the rows of a CSV file as {@link Observation}s on a Kafka cluster's
 * {@code observations} topic, with the spec's label and features, in file order. Event times are
 * the send time plus one millisecond per row, so the rows keep their order in the job's windows.
 */
@Command(name = "send", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = {"Send the rows of a CSV file to a model on a Kafka cluster's observations topic.",
        "The label and feature columns are the spec's (features default to every other column);"
        + " rows keep file order, stamped from now on, one millisecond apart."},
    footer = {"", "Example:",
        "  sivistream send --bootstrap kafka:9092 --model-id churn --spec churn.yaml --data rows.csv"})
final class SendCommand implements Callable<Integer> {

  /** Sends in flight before the command waits for their acknowledgements. */
  private static final int IN_FLIGHT = 10_000;

  @Spec
  CommandSpec spec;

  @Mixin
  KafkaProducerOptions kafka;

  @Option(names = "--model-id", required = true, paramLabel = "ID",
      description = "The registered model the rows belong to.")
  String modelId;

  @Option(names = "--spec", required = true, paramLabel = "S.yaml",
      description = "The model's spec (its label and features select the columns).")
  Path specFile;

  @Option(names = "--data", required = true, paramLabel = "F.csv", description = "CSV with a header row.")
  Path dataFile;

  @Option(names = "--topic", paramLabel = "T", defaultValue = Topics.OBSERVATIONS,
      description = "The observations topic (default: ${DEFAULT-VALUE}).")
  String topic;

  @Override
  public Integer call() {
    if (modelId.isBlank()) {
      throw new UserError("--model-id must not be blank");
    }
    ModelSpec parsed = ModelSpec.load(specFile);
    if (parsed.label() == null) {
      throw new UserError(specFile + ": no 'label:' given; name the label column of " + dataFile
          + ", e.g. 'label: y'");
    }
    Dataset data = CsvDatasets.read(dataFile, parsed.label(), parsed.features());
    AvroCodec<Observation> codec = AvroCodec.of(Observation.class);
    byte[] key = modelId.getBytes(StandardCharsets.UTF_8);
    long start = Instant.now().toEpochMilli();
    List<Future<RecordMetadata>> pending = new ArrayList<>();
    try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
      for (int i = 0; i < data.rows(); i++) {
        List<Double> features = new ArrayList<>(data.width());
        for (double v : data.features()[i]) {
          features.add(v);
        }
        Observation o = Observation.newBuilder().setModelId(modelId)
            .setEventTime(Instant.ofEpochMilli(start + i)).setFeatures(features)
            .setLabel(data.labels()[i]).build();
        pending.add(producer.send(new ProducerRecord<>(topic, key, codec.encode(o))));
        if (pending.size() == IN_FLIGHT) {
          pending.forEach(f -> kafka.await(f, topic));
          pending.clear();
        }
      }
      pending.forEach(f -> kafka.await(f, topic));
    }
    spec.commandLine().getErr().println("sivistream send: " + data.rows() + " rows of " + dataFile
        + " written to " + topic + " for model '" + modelId + "' at " + kafka.bootstrapServers);
    return 0;
  }
}
