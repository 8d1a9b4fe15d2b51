package io.sivistream.app.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Option;

/**
 * The Kafka connection of the commands that write to a real cluster ({@code register},
 * {@code send}): the brokers and, as for Kafka's own console producer, an optional client
 * properties file (security settings and the like).
 */
final class KafkaProducerOptions {

  /** How long a send may wait for metadata or an acknowledgement before it is reported. */
  static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

  @Option(names = "--bootstrap", required = true, paramLabel = "HOST:PORT",
      description = "Kafka brokers, host:port[,host:port].")
  String bootstrapServers;

  @Option(names = "--producer-config", paramLabel = "P.properties",
      description = "Kafka client properties (e.g. security.protocol, sasl.*), as for"
          + " kafka-console-producer.")
  Path producerConfig;

  /** An idempotent, all-replica-acknowledged producer of byte records. */
  KafkaProducer<byte[], byte[]> producer() {
    Properties p = new Properties();
    if (producerConfig != null) {
      try (Reader r = Files.newBufferedReader(producerConfig, StandardCharsets.UTF_8)) {
        p.load(r);
      } catch (NoSuchFileException e) {
        throw new UserError(producerConfig + ": no such file");
      } catch (IOException | IllegalArgumentException e) {
        throw new UserError(producerConfig + ": cannot read: " + e.getMessage(), e);
      }
    }
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
    p.putIfAbsent(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(SEND_TIMEOUT.toMillis()));
    p.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
        String.valueOf(SEND_TIMEOUT.toMillis()));
    p.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
        String.valueOf(SEND_TIMEOUT.toMillis() / 2));
    try {
      return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    } catch (org.apache.kafka.common.KafkaException e) {
      throw new UserError("cannot create a Kafka producer for " + bootstrapServers + ": "
          + RunCommand.rootMessage(e), e);
    }
  }

  /** Waits for a send; a failure the user can act on becomes a one-line {@link UserError}. */
  void await(Future<RecordMetadata> sent, String topic) {
    try {
      sent.get(SEND_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw sendFailure(e.getCause(), topic);
    } catch (TimeoutException e) {
      throw new UserError("Kafka at " + bootstrapServers + " did not acknowledge a record on "
          + topic + " within " + SEND_TIMEOUT.multipliedBy(2).toSeconds() + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError("interrupted while sending to " + topic, e);
    }
  }

  /** The user-facing message of a failed send. */
  UserError sendFailure(Throwable t, String topic) {
    if (t instanceof AuthorizationException) {
      return new UserError("Kafka at " + bootstrapServers + " refused to let this client write to"
          + " " + topic + ": " + t.getMessage(), t);
    }
    if (t instanceof AuthenticationException) {
      return new UserError("Kafka at " + bootstrapServers + " did not accept this client's"
          + " credentials: " + t.getMessage(), t);
    }
    if (t instanceof UnknownTopicOrPartitionException
        || t instanceof org.apache.kafka.common.errors.TimeoutException) {
      return new UserError("could not write to " + topic + " at " + bootstrapServers + " within "
          + SEND_TIMEOUT.toSeconds() + " s: " + t.getMessage() + " (is the broker reachable and"
          + " does the topic exist?)", t);
    }
    return new UserError("writing to " + topic + " at " + bootstrapServers + " failed: "
        + RunCommand.rootMessage(t), t);
  }
}
