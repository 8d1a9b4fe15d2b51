package io.sivistream.app.cli;

import io.sivistream.core.spec.ModelSpec;
import io.sivistream.schemas.Topics;
import io.sivistream.schemas.codec.AvroCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sivistream register}: checks a model spec as {@code fit} would and writes it to the
 * {@code models} topic of a Kafka cluster, keyed by the model id. Writing it again with a changed
 * spec updates the model (the topic is compacted: the latest spec per id is the model).
 */
@Command(name = "register", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = {"Register (or update) a model on a Kafka cluster's models topic.",
        "The spec is checked first, as 'fit' checks it; a bad spec is reported and nothing is"
        + " written."},
    footer = {"", "Example:",
        "  sivistream register --bootstrap kafka:9092 --model-id churn --spec churn.yaml",
        "  sivistream send --bootstrap kafka:9092 --model-id churn --spec churn.yaml --data rows.csv"})
final class RegisterCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  KafkaProducerOptions kafka;

  @Option(names = "--model-id", required = true, paramLabel = "ID",
      description = "The model's id: the key of its records on every topic.")
  String modelId;

  @Option(names = "--spec", required = true, paramLabel = "S.yaml", description = "Model spec (YAML).")
  Path specFile;

  @Option(names = "--topic", paramLabel = "T", defaultValue = Topics.MODELS,
      description = "The models topic (default: ${DEFAULT-VALUE}).")
  String topic;

  @Override
  public Integer call() {
    if (modelId.isBlank()) {
      throw new UserError("--model-id must not be blank");
    }
    String yaml = JobConfigFile.readText(specFile);
    ModelSpec parsed = ModelSpec.parse(yaml, specFile.toString());
    ModelSetup.requireKnownModel(parsed, specFile);
    io.sivistream.schemas.ModelSpec record = io.sivistream.schemas.ModelSpec.newBuilder()
        .setModelId(modelId)
        .setSpecYaml(yaml)
        .setModel(parsed.model())
        .setUpdatedAt(Instant.now())
        .build();
    try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
      kafka.await(producer.send(new ProducerRecord<>(topic, modelId.getBytes(StandardCharsets.UTF_8),
          AvroCodec.of(io.sivistream.schemas.ModelSpec.class).encode(record))), topic);
    }
    spec.commandLine().getErr().println("sivistream register: model '" + modelId + "' ("
        + parsed.model() + ", spec " + parsed.hash() + ") written to " + topic + " at "
        + kafka.bootstrapServers);
    return 0;
  }
}
