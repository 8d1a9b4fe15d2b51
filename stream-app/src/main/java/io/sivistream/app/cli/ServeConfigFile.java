package io.sivistream.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.sivistream.app.serving.HttpAuth;
import io.sivistream.app.serving.HttpTls;
import io.sivistream.app.serving.ServingConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * The YAML configuration of {@code sivistream serve}. Only {@code bootstrapServers} is required;
 * every other key defaults to {@link ServingConfig.Builder}'s value:
 *
 * <pre>{@code
 * bootstrapServers: kafka-0.kafka:9092
 * applicationId: sivistream-serve      # Kafka Streams application id
 * http: {host: 0.0.0.0, port: 8080}    # default 127.0.0.1:8080
 * #     auth: predict   # none (default) | predict | all: routes that need "Authorization: Bearer T"
 * #     tokenEnv: SIVISTREAM_HTTP_TOKEN   # the environment variable holding T (never the file)
 * #     tls: {keyStore: /etc/tls/server.p12, passwordEnv: SIVISTREAM_HTTP_TLS_PASSWORD}
 * stateDir: /var/lib/sivistream/serve  # default: a temporary folder, deleted on exit
 * historySize: 200                     # versions kept per model for /history
 * topics: {summaries: posterior-summaries, draws: posterior-draws, models: models,
 *          predictionRequests: prediction-requests, predictions: predictions,
 *          deadLetters: dead-letters}
 * kafka: {security.protocol: SASL_SSL} # passed to every Kafka client unchanged
 * }</pre>
 */
final class ServeConfigFile {

  static final List<String> KEYS = List.of("bootstrapServers", "applicationId", "http",
      "stateDir", "historySize", "topics", "kafka");
  static final List<String> HTTP_KEYS = List.of("host", "port", "auth", "tokenEnv", "tls");
  static final List<String> TLS_KEYS = List.of("keyStore", "passwordEnv");
  /** The environment variable holding the key store password unless tls.passwordEnv names another. */
  static final String DEFAULT_TLS_PASSWORD_ENV = "SIVISTREAM_HTTP_TLS_PASSWORD";
  /** The environment variable holding the HTTP token unless http.tokenEnv names another. */
  static final String DEFAULT_TOKEN_ENV = "SIVISTREAM_HTTP_TOKEN";
  static final List<String> TOPIC_KEYS = List.of("summaries", "draws", "models",
      "predictionRequests", "predictions", "deadLetters");

  private ServeConfigFile() {}

  /** Reads and checks a config file; every mistake is a {@link UserError} naming the file. */
  static ServingConfig load(Path file) {
    return parse(JobConfigFile.readText(file), file.toString());
  }

  /** Parses config text; {@code source} prefixes error messages. */
  static ServingConfig parse(String yaml, String source) {
    return parse(yaml, source, System::getenv);
  }

  /** Parses config text, reading secrets through {@code environment} (tests pass a map). */
  static ServingConfig parse(String yaml, String source,
      java.util.function.Function<String, String> environment) {
    JsonNode root = JobConfigFile.readRoot(yaml, source, "serve config");
    JobConfigFile.Reader r = new JobConfigFile.Reader(source);
    r.checkKeys(root, "", KEYS);
    String bootstrap = r.text(root, "bootstrapServers");
    if (bootstrap == null) {
      throw new UserError(source + ": missing key 'bootstrapServers' (the Kafka brokers,"
          + " e.g. 'bootstrapServers: 127.0.0.1:9092')");
    }
    try {
      ServingConfig.Builder b = ServingConfig.builder(bootstrap);
      r.ifText(root, "", "applicationId", b::applicationId);
      r.ifText(root, "", "stateDir", d -> b.stateDir(Path.of(d)));
      Integer history = r.integer(root, "historySize");
      if (history != null) {
        b.historySize(history);
      }
      JsonNode http = root.get("http");
      if (http != null && !http.isNull()) {
        r.checkKeys(http, "http", HTTP_KEYS);
        r.ifText(http, "http.", "host", b::httpHost);
        Integer port = r.integer(http, "port");
        if (port != null) {
          b.httpPort(port);
        }
        String auth = r.text(http, "auth");
        if (auth != null) {
          HttpAuth.Scope scope = HttpAuth.Scope.parse(auth);
          String tokenEnv = r.text(http, "tokenEnv");
          String env = tokenEnv == null ? DEFAULT_TOKEN_ENV : tokenEnv;
          String token = scope == HttpAuth.Scope.NONE ? "" : environment.apply(env);
          if (scope != HttpAuth.Scope.NONE && (token == null || token.isBlank())) {
            throw new UserError(source + ": http.auth is " + auth.strip() + " but the"
                + " environment variable " + env + " (http.tokenEnv) holds no token");
          }
          b.httpAuth(new HttpAuth(scope, token == null ? "" : token.strip()));
        }
        JsonNode tls = http.get("tls");
        if (tls != null && !tls.isNull()) {
          r.checkKeys(tls, "http.tls", TLS_KEYS);
          String keyStore = r.text(tls, "keyStore");
          if (keyStore == null) {
            throw new UserError(source + ": http.tls needs 'keyStore: /path/server.p12' (PKCS12)");
          }
          Path store = Path.of(keyStore);
          if (!java.nio.file.Files.isReadable(store)) {
            throw new UserError(source + ": http.tls.keyStore " + store + ": no such readable file");
          }
          String passwordEnv = r.text(tls, "passwordEnv");
          String env = passwordEnv == null ? DEFAULT_TLS_PASSWORD_ENV : passwordEnv;
          b.httpTls(new HttpTls(store, environment.apply(env)));
        }
      }
      JsonNode topics = root.get("topics");
      if (topics != null && !topics.isNull()) {
        r.checkKeys(topics, "topics", TOPIC_KEYS);
        r.ifText(topics, "topics.", "summaries", b::summariesTopic);
        r.ifText(topics, "topics.", "draws", b::drawsTopic);
        r.ifText(topics, "topics.", "models", b::modelsTopic);
        r.ifText(topics, "topics.", "predictionRequests", b::predictionRequestsTopic);
        r.ifText(topics, "topics.", "predictions", b::predictionsTopic);
        r.ifText(topics, "topics.", "deadLetters", b::deadLettersTopic);
      }
      b.kafkaProperties(r.properties(root.get("kafka")));
      return b.build();
    } catch (IllegalArgumentException e) {
      // the builder checks each value; its messages name the key
      throw new UserError(source + ": " + e.getMessage(), e);
    }
  }
}
