package io.sivistream.app.job;

import static io.sivistream.app.job.TextCodecs.observation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sivistream.app.embedded.EmbeddedKafka;
import io.sivistream.app.embedded.LocalFlink;
import io.sivistream.app.embedded.TlsFiles;
import io.sivistream.app.embedded.TopicSpec;
import io.sivistream.app.job.KafkaTestIO.Out;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job against a broker that authenticates (SASL_SSL with SCRAM-SHA-512, as the Strimzi
 * deployment in deploy/k8s) and authorises (ACLs, nothing allowed unless granted): the job
 * works with its own credentials, read from a secret file through Kafka's DirectoryConfigProvider
 * as in the deployment; a client allowed to write only observations cannot publish summaries;
 * wrong credentials fail with one clear error; no secret reaches a log line.
 */
class SaslSslITCase {

  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final String STORE_PASSWORD = "store-pass-2468";
  private static final String JOB_PASSWORD = "job-secret-4711";
  private static final String CLIENT_PASSWORD = "client-secret-0815";

  @Test
  void theJobWorksWithItsCredentialsAndEveryoneElseOnlyWithTheirs(@TempDir Path dir) throws Exception {
    Path keyStore = dir.resolve("broker.p12");
    Path trustStore = dir.resolve("truststore.p12");
    TlsFiles.brokerKeyAndTrustStore(keyStore, trustStore, dir.resolve("broker.crt"), STORE_PASSWORD);
    Path secrets = Files.createDirectories(dir.resolve("secrets"));
    Files.writeString(secrets.resolve("password"), JOB_PASSWORD);

    ByteArrayOutputStream logs = new ByteArrayOutputStream();
    PrintStream originalErr = System.err;
    PrintStream originalOut = System.out;
    System.setErr(new PrintStream(tee(originalErr, logs), true, StandardCharsets.UTF_8));
    System.setOut(new PrintStream(tee(originalOut, logs), true, StandardCharsets.UTF_8));
    try (EmbeddedKafka kafka = EmbeddedKafka.builder()
            .saslSsl(keyStore, STORE_PASSWORD, Map.of("job", JOB_PASSWORD, "client", CLIENT_PASSWORD)).start();
        LocalFlink flink = LocalFlink.start()) {
      kafka.createTopics(TopicSpec.of("s-observations", 1), TopicSpec.compacted("s-models", 1),
          TopicSpec.of("s-summaries", 1), TopicSpec.of("s-draws", 1), TopicSpec.of("s-dead-letters", 1));
      grantLeastPrivilege(kafka.bootstrapServers(), "User:job");

      // (a) the job, on the secure listener with its own login
      Map<String, String> security = new HashMap<>(clientSecurity(trustStore));
      security.put("config.providers", "secrets");
      security.put("config.providers.secrets.class",
          "org.apache.kafka.common.config.provider.DirectoryConfigProvider");
      security.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
          + " username=\"job\" password=\"${secrets:" + secrets + ":password}\";");
      PosteriorJobConfig config = PosteriorJobConfig.builder(kafka.secureBootstrapServers())
          .observationsTopic("s-observations").modelsTopic("s-models").summariesTopic("s-summaries")
          .drawsTopic("s-draws").deadLettersTopic("s-dead-letters").groupId("s-group")
          .transactionalIdPrefix("s-tx").checkpointInterval(Duration.ofSeconds(1))
          .maxOutOfOrderness(Duration.ZERO).idleness(Duration.ofSeconds(1)).parallelism(1)
          .kafkaProperties(security).build();
      KafkaTestIO harness = new KafkaTestIO(kafka.bootstrapServers());
      harness.send("s-models", List.<String[]>of(new String[] {"m", "windowRows=5,features=1"}));
      JobClient job = TextJob.start(flink, config, "secure", WAIT);
      try {
        // (b) the client may write observations (so its rows arrive) but not summaries
        try (KafkaProducer<byte[], byte[]> client = producer(kafka.secureBootstrapServers(), trustStore,
            "client", CLIENT_PASSWORD)) {
          for (int i = 0; i < 10; i++) {
            client.send(new ProducerRecord<>("s-observations", bytes("m"), bytes(observation(i, i, 1.0))))
                .get(30, TimeUnit.SECONDS);
          }
          assertThatThrownBy(() -> client.send(new ProducerRecord<>("s-summaries", bytes("m"), bytes("forged")))
              .get(30, TimeUnit.SECONDS))
              .isInstanceOf(ExecutionException.class).cause().isInstanceOf(TopicAuthorizationException.class)
              .hasMessageContaining("s-summaries");
        }
        List<Out> summaries = harness.awaitCommitted("s-summaries", 2, WAIT);
        assertThat(summaries).extracting(Out::value).noneMatch(v -> v.contains("forged"));
        assertThat(summaries).hasSize(2);
      } finally {
        flink.cancel(job, Duration.ofSeconds(60));
      }

      // (c) wrong credentials: one exception that says so, without the password
      try (KafkaProducer<byte[], byte[]> wrong = producer(kafka.secureBootstrapServers(), trustStore,
          "client", "not-" + CLIENT_PASSWORD)) {
        assertThatThrownBy(() -> wrong.send(new ProducerRecord<>("s-observations", bytes("m"), bytes("x")))
            .get(30, TimeUnit.SECONDS))
            .cause().isInstanceOf(SaslAuthenticationException.class)
            .hasMessageContaining("invalid credentials")
            .hasMessageNotContaining(CLIENT_PASSWORD);
      }
    } finally {
      System.setErr(originalErr);
      System.setOut(originalOut);
    }
    String log = logs.toString(StandardCharsets.UTF_8);
    assertThat(log).as("captured log output").isNotEmpty();
    for (String secret : List.of(JOB_PASSWORD, CLIENT_PASSWORD, STORE_PASSWORD)) {
      assertThat(log).as("no secret in the logs").doesNotContain(secret);
    }
  }

  /**
   * The job ({@code jobPrincipal}) reads its topics and group and writes its outputs in
   * transactions; User:client writes rows.
   */
  static void grantLeastPrivilege(String plaintextBootstrap, String jobPrincipal) throws Exception {
    List<AclBinding> acls = new ArrayList<>();
    for (String topic : List.of("s-observations", "s-models")) {
      acls.add(allow(jobPrincipal, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.READ));
    }
    for (String topic : List.of("s-summaries", "s-draws", "s-dead-letters")) {
      acls.add(allow(jobPrincipal, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.WRITE));
      acls.add(allow(jobPrincipal, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.DESCRIBE));
    }
    acls.add(allow(jobPrincipal, ResourceType.GROUP, "s-group", PatternType.LITERAL, AclOperation.READ));
    acls.add(allow(jobPrincipal, ResourceType.TRANSACTIONAL_ID, "s-tx", PatternType.PREFIXED, AclOperation.WRITE));
    acls.add(allow(jobPrincipal, ResourceType.TRANSACTIONAL_ID, "s-tx", PatternType.PREFIXED, AclOperation.DESCRIBE));
    acls.add(allow("User:client", ResourceType.TOPIC, "s-observations", PatternType.LITERAL, AclOperation.WRITE));
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, plaintextBootstrap);
    try (Admin admin = Admin.create(p)) {
      admin.createAcls(acls).all().get(60, TimeUnit.SECONDS);
    }
  }

  private static AclBinding allow(String principal, ResourceType type, String name, PatternType pattern,
      AclOperation op) {
    return new AclBinding(new ResourcePattern(type, name, pattern),
        new AccessControlEntry(principal, "*", op, AclPermissionType.ALLOW));
  }

  private static Map<String, String> clientSecurity(Path trustStore) {
    return Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", EmbeddedKafka.SCRAM_MECHANISM,
        "ssl.truststore.location", trustStore.toString(), "ssl.truststore.type", "PKCS12",
        "ssl.truststore.password", STORE_PASSWORD);
  }

  private static KafkaProducer<byte[], byte[]> producer(String bootstrap, Path trustStore, String user,
      String password) {
    Properties p = new Properties();
    p.putAll(clientSecurity(trustStore));
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
        + user + "\" password=\"" + password + "\";");
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "20000");
    return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static OutputStream tee(OutputStream a, ByteArrayOutputStream b) {
    return new OutputStream() {
      @Override
      public void write(int c) {
        write(new byte[] {(byte) c}, 0, 1);
      }

      @Override
      public synchronized void write(byte[] buf, int off, int len) {
        try {
          a.write(buf, off, len);
        } catch (java.io.IOException ignored) {
          // the console is best effort
        }
        b.write(buf, off, len);
      }
    };
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
