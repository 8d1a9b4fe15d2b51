package io.sivistream.app.serving;

import static io.sivistream.app.serving.ServingAppITCase.await;
import static io.sivistream.app.serving.ServingAppITCase.consumer;
import static io.sivistream.app.serving.ServingAppITCase.json;
import static io.sivistream.app.serving.ServingAppITCase.producer;
import static io.sivistream.app.serving.ServingAppITCase.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sivistream.app.demo.Demo;
import io.sivistream.app.embedded.EmbeddedKafka;
import io.sivistream.app.embedded.TlsFiles;
import io.sivistream.schemas.ModelSpec;
import io.sivistream.schemas.PosteriorDraws;
import io.sivistream.schemas.PosteriorSummary;
import io.sivistream.schemas.Prediction;
import io.sivistream.schemas.Topics;
import io.sivistream.schemas.codec.AvroCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The serving app against a broker that authenticates (SASL_SSL, SCRAM-SHA-512) and authorises
 * (ACLs, nothing allowed unless granted), configured only through its Kafka client properties as a
 * deployment would (its password from an environment variable through Kafka's
 * EnvVarConfigProvider): with its own login and the grants of deploy/k8s/base/users.yaml it serves the
 * posteriors on the topics over HTTP and answers prediction requests on Kafka.
 */
class ServingSaslSslITCase {

  private static final String STORE_PASSWORD = "store-pass-1357";
  private static final String SERVING_PASSWORD = "serving-secret-2024";
  private static final String APPLICATION_ID = "serving-secure";
  /** Set to SERVING_PASSWORD by failsafe (stream-app/pom.xml), as a deployment sets it from a Secret. */
  private static final String PASSWORD_VARIABLE = "SIVISTREAM_TEST_SERVING_PASSWORD";

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void servesAndPredictsWithItsOwnCredentialsAndLeastPrivilege(@TempDir Path dir) throws Exception {
    Path keyStore = dir.resolve("broker.p12");
    Path trustStore = dir.resolve("truststore.p12");
    TlsFiles.brokerKeyAndTrustStore(keyStore, trustStore, dir.resolve("broker.crt"), STORE_PASSWORD);
    assertThat(System.getenv(PASSWORD_VARIABLE)).as(PASSWORD_VARIABLE + ", set by failsafe in stream-app/pom.xml")
        .isEqualTo(SERVING_PASSWORD);
    try (EmbeddedKafka kafka = EmbeddedKafka.builder()
        .saslSsl(keyStore, STORE_PASSWORD, Map.of("serving", SERVING_PASSWORD)).start()) {
      kafka.createTopics(Demo.TOPICS);
      grantServing(kafka.bootstrapServers());
      // the writer is the broker's super user on its plaintext listener, as the job would be
      try (KafkaProducer<byte[], byte[]> p = producer(kafka.bootstrapServers())) {
        send(p, Topics.MODELS, "clicks", AvroCodec.of(ModelSpec.class)
            .encode(Fixtures.spec("clicks", "logistic-regression")));
        send(p, Topics.POSTERIOR_SUMMARIES, "clicks", AvroCodec.of(PosteriorSummary.class)
            .encode(Fixtures.summary("clicks", 1)));
        send(p, Topics.POSTERIOR_DRAWS, "clicks", AvroCodec.of(PosteriorDraws.class)
            .encode(Fixtures.draws("clicks", 1, new double[] {-0.5, 1.2, -0.8}, 100)));
        p.flush();
      }

      ServingConfig config = ServingConfig.builder(kafka.secureBootstrapServers())
          .applicationId(APPLICATION_ID).httpPort(0).stateDir(dir.resolve("state"))
          .kafkaProperties(Map.of("security.protocol", "SASL_SSL",
              "sasl.mechanism", EmbeddedKafka.SCRAM_MECHANISM,
              "config.providers", "env",
              "config.providers.env.class", "org.apache.kafka.common.config.provider.EnvVarConfigProvider",
              "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                  + " username=\"serving\" password=\"${env:" + PASSWORD_VARIABLE + "}\";",
              "ssl.truststore.location", trustStore.toString(), "ssl.truststore.type", "PKCS12",
              "ssl.truststore.password", STORE_PASSWORD))
          .build();
      try (ServingApp app = ServingApp.start(config, TrueValues.NONE)) {
        String base = app.url();
        JsonNode models = await(() -> {
          JsonNode a = json(get(base + "api/models"));
          return a.size() == 1 && a.get(0).get("version").asLong() == 1 ? a : null;
        });
        await(() -> json(get(base + "api/models/clicks/draws?n=10")).get("draws").size() == 10 ? true : null);
        assertThat(models.get(0).get("modelId").asText()).isEqualTo("clicks");

        try (KafkaProducer<byte[], byte[]> p = producer(kafka.bootstrapServers())) {
          send(p, Topics.PREDICTION_REQUESTS, "clicks", AvroCodec.of(io.sivistream.schemas.PredictionRequest.class)
              .encode(Fixtures.request("clicks", "over-sasl", 1, 0.5, -1)));
          p.flush();
        }
        Prediction prediction = null;
        try (KafkaConsumer<byte[], byte[]> c = consumer(kafka.bootstrapServers())) {
          c.subscribe(List.of(Topics.PREDICTIONS));
          long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
          while (prediction == null && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
              prediction = AvroCodec.of(Prediction.class).decode(r.value());
            }
          }
        }
        assertThat(prediction).as("a prediction written by the serving app over SASL_SSL").isNotNull();
        assertThat(prediction.getRequestId()).isEqualTo("over-sasl");
        assertThat(prediction.getVersion()).isEqualTo(1L);
      }
    }
  }

  /**
   * Exactly the grants of the {@code sivistream-serve} KafkaUser in deploy/k8s/base/users.yaml
   * (with this test's application id for its group): read and describe the posterior topics, the
   * models, the requests and the dead letters; write predictions and dead letters; read its group. So the test
   * fails if the deployment's ACLs stop being enough.
   */
  private static void grantServing(String plaintextBootstrap) throws Exception {
    List<AclBinding> acls = new ArrayList<>();
    for (String topic : List.of(Topics.MODELS, Topics.POSTERIOR_SUMMARIES, Topics.POSTERIOR_DRAWS,
        Topics.PREDICTION_REQUESTS, Topics.DEAD_LETTERS)) {
      acls.add(allow(ResourceType.TOPIC, topic, AclOperation.READ));
      acls.add(allow(ResourceType.TOPIC, topic, AclOperation.DESCRIBE));
    }
    for (String topic : List.of(Topics.PREDICTIONS, Topics.DEAD_LETTERS)) {
      acls.add(allow(ResourceType.TOPIC, topic, AclOperation.WRITE));
      acls.add(allow(ResourceType.TOPIC, topic, AclOperation.DESCRIBE));
    }
    acls.add(allow(ResourceType.GROUP, APPLICATION_ID, AclOperation.READ));
    acls.add(allow(ResourceType.GROUP, APPLICATION_ID, AclOperation.DESCRIBE));
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, plaintextBootstrap);
    try (Admin admin = Admin.create(p)) {
      admin.createAcls(acls).all().get(60, TimeUnit.SECONDS);
    }
  }

  private static AclBinding allow(ResourceType type, String name, AclOperation op) {
    return new AclBinding(new ResourcePattern(type, name, PatternType.LITERAL),
        new AccessControlEntry("User:serving", "*", op, AclPermissionType.ALLOW));
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }
}
