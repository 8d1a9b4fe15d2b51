package io.sivistream.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sivistream.app.serving.HttpAuth;
import io.sivistream.app.serving.ServingConfig;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sivistream serve}: its YAML config and its user errors. */
class ServeCommandTest {

  @Test
  void everyKeyIsRead() {
    ServingConfig c = ServeConfigFile.parse(String.join("\n",
        "bootstrapServers: kafka-0:9092",
        "applicationId: my-serve",
        "http: {host: 0.0.0.0, port: 9000}",
        "stateDir: /var/lib/serve",
        "historySize: 50",
        "topics: {summaries: s, draws: d, models: m, predictionRequests: rq, predictions: p,"
            + " deadLetters: dl}",
        "kafka: {security.protocol: SSL}"), "serve.yaml");
    assertThat(c.bootstrapServers()).isEqualTo("kafka-0:9092");
    assertThat(c.applicationId()).isEqualTo("my-serve");
    assertThat(c.httpHost()).isEqualTo("0.0.0.0");
    assertThat(c.httpPort()).isEqualTo(9000);
    assertThat(c.stateDir()).isEqualTo(Path.of("/var/lib/serve"));
    assertThat(c.historySize()).isEqualTo(50);
    assertThat(c.summariesTopic()).isEqualTo("s");
    assertThat(c.drawsTopic()).isEqualTo("d");
    assertThat(c.modelsTopic()).isEqualTo("m");
    assertThat(c.predictionRequestsTopic()).isEqualTo("rq");
    assertThat(c.predictionsTopic()).isEqualTo("p");
    assertThat(c.deadLettersTopic()).isEqualTo("dl");
    assertThat(c.kafkaProperties()).isEqualTo(Map.of("security.protocol", "SSL"));
  }

  @Test
  void onlyTheBrokersAreRequired() {
    ServingConfig c = ServeConfigFile.parse("bootstrapServers: 127.0.0.1:9092", "serve.yaml");
    assertThat(c.httpHost()).isEqualTo("127.0.0.1");
    assertThat(c.httpPort()).isEqualTo(8080);
    assertThat(c.stateDir()).isNull();
    assertThat(c.summariesTopic()).isEqualTo("posterior-summaries");
    assertThat(c.predictionRequestsTopic()).isEqualTo("prediction-requests");
  }

  @Test
  void mistakesNameTheFileAndTheKey() {
    assertThatThrownBy(() -> ServeConfigFile.parse("bootstrapServers: k:9092\nport: 1", "serve.yaml"))
        .isInstanceOf(UserError.class).hasMessage("serve.yaml: unknown key 'port'; valid keys:"
            + " bootstrapServers, applicationId, http, stateDir, historySize, topics, kafka");
    assertThatThrownBy(() -> ServeConfigFile.parse("bootstrapServers: k:9092\nhttp: {prt: 1}",
        "serve.yaml")).hasMessage("serve.yaml: unknown key 'prt' in http; valid keys: host, port, auth, tokenEnv, tls");
    assertThatThrownBy(() -> ServeConfigFile.parse("bootstrapServers: k:9092\nhttp: {port: 70000}",
        "serve.yaml")).hasMessage("serve.yaml: httpPort must be in 0..65535 (0 = any free port),"
            + " got 70000");
    assertThatThrownBy(() -> ServeConfigFile.parse("bootstrapServers: k:9092\ntopics: {summary: x}",
        "serve.yaml")).hasMessageContaining("unknown key 'summary' in topics; valid keys: summaries,");
    assertThatThrownBy(() -> ServeConfigFile.parse("http: {port: 1}", "serve.yaml"))
        .hasMessageStartingWith("serve.yaml: missing key 'bootstrapServers'");
    assertThatThrownBy(() -> ServeConfigFile.parse("", "serve.yaml"))
        .hasMessageStartingWith("serve.yaml: the serve config is empty");
  }

  @Test
  void httpAuthReadsItsTokenFromTheNamedEnvironmentVariable() {
    String yaml = "bootstrapServers: k:9092\nhttp: {auth: predict, tokenEnv: MY_TOKEN}";
    ServingConfig c = ServeConfigFile.parse(yaml, "serve.yaml",
        Map.of("MY_TOKEN", "s3cret-token-0123456789")::get);
    assertThat(c.httpAuth().scope()).isEqualTo(HttpAuth.Scope.PREDICT);
    assertThat(c.httpAuth().accepts("Bearer s3cret-token-0123456789")).isTrue();
    assertThatThrownBy(() -> ServeConfigFile.parse(yaml, "serve.yaml", Map.<String, String>of()::get))
        .isInstanceOf(UserError.class)
        .hasMessage("serve.yaml: http.auth is predict but the environment variable MY_TOKEN"
            + " (http.tokenEnv) holds no token");
    assertThatThrownBy(() -> ServeConfigFile.parse("bootstrapServers: k:9092\nhttp: {auth: sometimes}",
        "serve.yaml", Map.<String, String>of()::get))
        .isInstanceOf(UserError.class).hasMessageContaining("must be none, predict or all");
    assertThat(ServeConfigFile.parse("bootstrapServers: k:9092", "serve.yaml").httpAuth())
        .isEqualTo(HttpAuth.NONE);
  }

  @Test
  void httpTlsNeedsAReadableKeyStoreAndTakesItsPasswordFromTheEnvironment(@TempDir Path dir)
      throws Exception {
    assertThatThrownBy(() -> ServeConfigFile.parse("bootstrapServers: k:9092\nhttp: {tls: {}}",
        "serve.yaml", Map.<String, String>of()::get))
        .isInstanceOf(UserError.class).hasMessageContaining("http.tls needs 'keyStore:");
    assertThatThrownBy(() -> ServeConfigFile.parse(
        "bootstrapServers: k:9092\nhttp: {tls: {keyStore: /nonexistent.p12}}", "serve.yaml",
        Map.<String, String>of()::get))
        .isInstanceOf(UserError.class).hasMessageContaining("/nonexistent.p12: no such readable file");
    Path store = Files.writeString(dir.resolve("s.p12"), "x");
    ServingConfig c = ServeConfigFile.parse("bootstrapServers: k:9092\nhttp: {tls: {keyStore: "
        + store + ", passwordEnv: P}}", "serve.yaml", Map.of("P", "pw-from-env")::get);
    assertThat(c.httpTls().keyStore()).isEqualTo(store);
    assertThat(c.httpTls().password()).isEqualTo("pw-from-env");
  }

  @Test
  void aMissingConfigFileIsAUserError(@TempDir Path dir) {
    Cli r = Cli.run("serve", "--config", dir.resolve("nope.yaml").toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("nope.yaml: no such file");
  }

  @Test
  void anUnreachableKafkaIsAUserError(@TempDir Path dir) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort(); // closed again: nothing listens there
    }
    Path config = dir.resolve("serve.yaml");
    Files.writeString(config, "bootstrapServers: 127.0.0.1:" + port + "\n");
    Cli r = Cli.run("serve", "--config", config.toString());
    assertThat(r.status()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains("cannot reach Kafka at 127.0.0.1:" + port)
        .contains("of the serve config");
  }

  @Test
  void helpListsTheConfigKeys() {
    Cli r = Cli.run("serve", "--help");
    assertThat(r.status()).isZero();
    assertThat(r.out()).contains("Usage: sivistream serve").contains("--config=C.yaml")
        .contains("historySize").contains("predictionRequests");
    assertThat(Cli.run("--help").out()).contains("serve");
  }
}
