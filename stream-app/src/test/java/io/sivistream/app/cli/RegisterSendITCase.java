package io.sivistream.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sivistream.app.demo.Demo;
import io.sivistream.app.embedded.EmbeddedKafka;
import io.sivistream.schemas.ModelSpec;
import io.sivistream.schemas.Observation;
import io.sivistream.schemas.codec.AvroCodec;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sivistream register} and {@code send} against a real in-process broker. */
class RegisterSendITCase {

  private static final String SPEC = "model: poisson-regression\nlabel: y\nfeatures: [intercept, x]\n";

  @Test
  void registerWritesTheSpecAndSendWritesTheRowsInOrder(@TempDir Path dir) throws Exception {
    Path spec = Files.writeString(dir.resolve("s.yaml"), SPEC);
    Path data = Files.writeString(dir.resolve("d.csv"),
        "y,x,intercept,unused\n2,0.5,1,9\n0,-1.25,1,9\n3,2,1,9\n");
    try (EmbeddedKafka kafka = EmbeddedKafka.start(0)) {
      kafka.createTopics(Demo.TOPICS);
      String b = kafka.bootstrapServers();

      Cli reg = Cli.run("register", "--bootstrap", b, "--model-id", "shop-7", "--spec",
          spec.toString());
      assertThat(reg.status()).as(reg.toString()).isZero();
      assertThat(reg.err()).contains("model 'shop-7' (poisson-regression, spec ")
          .contains("written to models");
      Cli send = Cli.run("send", "--bootstrap", b, "--model-id", "shop-7", "--spec",
          spec.toString(), "--data", data.toString());
      assertThat(send.status()).as(send.toString()).isZero();
      assertThat(send.err()).contains("3 rows of " + data);

      List<ConsumerRecord<byte[], byte[]>> models = read(b, "models");
      assertThat(models).hasSize(1);
      ModelSpec m = AvroCodec.of(ModelSpec.class).decode(models.get(0).value());
      assertThat(new String(models.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("shop-7");
      assertThat(m.getSpecYaml()).isEqualTo(SPEC);
      assertThat(m.getModel()).isEqualTo("poisson-regression");

      List<Observation> rows = new ArrayList<>();
      for (ConsumerRecord<byte[], byte[]> r : read(b, "observations")) {
        rows.add(AvroCodec.of(Observation.class).decode(r.value()));
      }
      assertThat(rows).extracting(Observation::getLabel).containsExactly(2.0, 0.0, 3.0);
      assertThat(rows).extracting(Observation::getFeatures).containsExactly(
          List.of(1.0, 0.5), List.of(1.0, -1.25), List.of(1.0, 2.0));
      assertThat(rows.get(1).getEventTime()).isAfter(rows.get(0).getEventTime());
    }
  }

  @Test
  void aBadSpecIsReportedAndNothingIsWritten(@TempDir Path dir) throws Exception {
    Path spec = Files.writeString(dir.resolve("s.yaml"), "model: poisson-regresion\n");
    try (EmbeddedKafka kafka = EmbeddedKafka.start(0)) {
      kafka.createTopics(Demo.TOPICS);
      Cli r = Cli.run("register", "--bootstrap", kafka.bootstrapServers(), "--model-id", "m",
          "--spec", spec.toString());
      assertThat(r.status()).as(r.toString()).isEqualTo(2);
      assertThat(r.errLines()).singleElement().asString()
          .contains("unknown model 'poisson-regresion'");
      assertThat(read(kafka.bootstrapServers(), "models")).isEmpty();
    }
  }

  @Test
  void anUnreachableBrokerIsOneLine(@TempDir Path dir) throws Exception {
    Path spec = Files.writeString(dir.resolve("s.yaml"), SPEC);
    // the client properties file is read: it shortens the wait for the missing broker
    Path props = Files.writeString(dir.resolve("p.properties"), "max.block.ms=1500\n");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Cli r = Cli.run("register", "--bootstrap", "127.0.0.1:" + port, "--producer-config",
        props.toString(), "--model-id", "m", "--spec", spec.toString());
    assertThat(r.status()).as(r.toString()).isEqualTo(2);
    assertThat(r.errLines()).singleElement().asString()
        .contains("could not write to models at 127.0.0.1:" + port);
  }

  private static List<ConsumerRecord<byte[], byte[]>> read(String bootstrap, String topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts = c.partitionsFor(topic).stream()
          .map(i -> new TopicPartition(topic, i.partition())).toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      var end = c.endOffsets(parts);
      while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
        c.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }
}
