package io.sivistream.app.job;

import static io.sivistream.app.job.TextCodecs.observation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sivistream.app.embedded.EmbeddedKafka;
import io.sivistream.app.embedded.LocalFlink;
import io.sivistream.app.embedded.TlsFiles;
import io.sivistream.app.embedded.TopicSpec;
import io.sivistream.app.job.KafkaTestIO.Out;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job against a broker that authenticates clients by certificate (mutual TLS, the other
 * option of Strimzi's KafkaUsers) and authorises with ACLs on the certificate's subject
 * (User:CN=job): the job works with its own key store, configured only through its Kafka client
 * properties; a client whose certificate the broker does not trust is refused at the handshake.
 */
class MutualTlsITCase {

  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final String PASSWORD = "store-pass-9753";

  @Test
  void theJobWorksWithItsCertificateAndAnUntrustedOneIsRefused(@TempDir Path dir) throws Exception {
    Path brokerStore = dir.resolve("broker.p12");
    Path brokerTrust = dir.resolve("truststore.p12");
    TlsFiles.brokerKeyAndTrustStore(brokerStore, brokerTrust, dir.resolve("broker.crt"), PASSWORD);
    Path trustedClients = dir.resolve("clients.p12");
    Path jobStore = dir.resolve("job.p12");
    Path strangerStore = dir.resolve("stranger.p12");
    TlsFiles.clientKeyStore(jobStore, "job", trustedClients, PASSWORD);
    TlsFiles.clientKeyStore(strangerStore, "stranger", null, PASSWORD);

    try (EmbeddedKafka kafka = EmbeddedKafka.builder().mutualTls(brokerStore, trustedClients, PASSWORD).start();
        LocalFlink flink = LocalFlink.start()) {
      kafka.createTopics(TopicSpec.of("s-observations", 1), TopicSpec.compacted("s-models", 1),
          TopicSpec.of("s-summaries", 1), TopicSpec.of("s-draws", 1), TopicSpec.of("s-dead-letters", 1));
      SaslSslITCase.grantLeastPrivilege(kafka.bootstrapServers(), "User:CN=job");

      PosteriorJobConfig config = PosteriorJobConfig.builder(kafka.secureBootstrapServers())
          .observationsTopic("s-observations").modelsTopic("s-models").summariesTopic("s-summaries")
          .drawsTopic("s-draws").deadLettersTopic("s-dead-letters").groupId("s-group")
          .transactionalIdPrefix("s-tx").checkpointInterval(Duration.ofSeconds(1))
          .maxOutOfOrderness(Duration.ZERO).idleness(Duration.ofSeconds(1)).parallelism(1)
          .kafkaProperties(tls(jobStore, brokerTrust)).build();
      KafkaTestIO harness = new KafkaTestIO(kafka.bootstrapServers());
      harness.send("s-models", List.<String[]>of(new String[] {"m", "windowRows=5,features=1"}));
      List<String[]> rows = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        rows.add(new String[] {"m", observation(i, i, 1.0)});
      }
      harness.send("s-observations", rows);
      JobClient job = TextJob.start(flink, config, "mutual-tls", WAIT);
      try {
        List<Out> summaries = harness.awaitCommitted("s-summaries", 2, WAIT);
        assertThat(summaries).hasSize(2);
      } finally {
        flink.cancel(job, Duration.ofSeconds(60));
      }

      Properties p = new Properties();
      p.putAll(tls(strangerStore, brokerTrust));
      p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.secureBootstrapServers());
      p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "20000");
      try (KafkaProducer<byte[], byte[]> stranger =
          new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
        assertThatThrownBy(() -> stranger.send(new ProducerRecord<>("s-observations",
                "m".getBytes(StandardCharsets.UTF_8), "x".getBytes(StandardCharsets.UTF_8)))
            .get(30, TimeUnit.SECONDS))
            .cause().isInstanceOf(SslAuthenticationException.class);
      }
    }
  }

  /** Client properties for the mutual-TLS listener: its own key store, the broker's certificate trusted. */
  private static Map<String, String> tls(Path keyStore, Path trustStore) {
    return Map.of("security.protocol", "SSL",
        "ssl.keystore.location", keyStore.toString(), "ssl.keystore.type", "PKCS12",
        "ssl.keystore.password", PASSWORD, "ssl.key.password", PASSWORD,
        "ssl.truststore.location", trustStore.toString(), "ssl.truststore.type", "PKCS12",
        "ssl.truststore.password", PASSWORD);
  }
}
