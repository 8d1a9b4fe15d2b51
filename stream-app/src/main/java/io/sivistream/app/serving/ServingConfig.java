package io.sivistream.app.serving;

import io.sivistream.schemas.Topics;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of the serving app; build with {@link #builder(String)}, whose setters check their own
 * argument and whose defaults are listed there.
 *
 * @param bootstrapServers       Kafka brokers, host:port[,host:port]
 * @param applicationId          Kafka Streams application id (consumer group, internal topic prefix)
 * @param httpHost               address the HTTP server binds to
 * @param httpPort               HTTP port, 0 = any free port
 * @param stateDir               Kafka Streams state folder, or null for a temporary folder that
 *                               {@link ServingApp#close()} deletes
 * @param historySize            posterior versions kept per model for {@code /history}
 * @param summariesTopic         PosteriorSummary input
 * @param drawsTopic             PosteriorDraws input
 * @param modelsTopic            ModelSpec input (compacted)
 * @param predictionRequestsTopic PredictionRequest input
 * @param predictionsTopic       Prediction output
 * @param deadLettersTopic       DeadLetter output
 * @param kafkaProperties        extra properties for every Kafka client (security etc.)
 * @param httpAuth               bearer-token authentication of the HTTP API
 * @param httpTls                TLS of the HTTP API, or null for plain HTTP
 */
public record ServingConfig(String bootstrapServers, String applicationId, String httpHost,
    int httpPort, Path stateDir, int historySize, String summariesTopic, String drawsTopic,
    String modelsTopic, String predictionRequestsTopic, String predictionsTopic,
    String deadLettersTopic, Map<String, String> kafkaProperties, HttpAuth httpAuth,
    HttpTls httpTls) {

  public ServingConfig {
    nonBlank("bootstrapServers", bootstrapServers);
    nonBlank("applicationId", applicationId);
    nonBlank("httpHost", httpHost);
    port(httpPort);
    history(historySize);
    nonBlank("topics.summaries", summariesTopic);
    nonBlank("topics.draws", drawsTopic);
    nonBlank("topics.models", modelsTopic);
    nonBlank("topics.predictionRequests", predictionRequestsTopic);
    nonBlank("topics.predictions", predictionsTopic);
    nonBlank("topics.deadLetters", deadLettersTopic);
    kafkaProperties = Map.copyOf(kafkaProperties);
    httpAuth = httpAuth == null ? HttpAuth.NONE : httpAuth;
  }

  /** A builder with every default set; only the brokers are required. */
  public static Builder builder(String bootstrapServers) {
    return new Builder(bootstrapServers);
  }

  private static String nonBlank(String key, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(key + " must be non-blank, got '" + value + "'");
    }
    return value;
  }

  private static int port(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("httpPort must be in 0..65535 (0 = any free port), got "
          + port);
    }
    return port;
  }

  private static int history(int n) {
    if (n < 1 || n > 100_000) {
      throw new IllegalArgumentException("historySize must be in 1..100000, got " + n);
    }
    return n;
  }

  /**
   * Builder of {@link ServingConfig}. Defaults: application id {@code sivistream-serve}, HTTP on
   * 127.0.0.1:8080, a temporary state folder, 200 versions of history per model, the topic names
   * of {@link Topics}, no extra Kafka properties.
   */
  public static final class Builder {
    private final String bootstrapServers;
    private String applicationId = "sivistream-serve";
    private String httpHost = "127.0.0.1";
    private int httpPort = 8080;
    private Path stateDir;
    private int historySize = 200;
    private String summariesTopic = Topics.POSTERIOR_SUMMARIES;
    private String drawsTopic = Topics.POSTERIOR_DRAWS;
    private String modelsTopic = Topics.MODELS;
    private String predictionRequestsTopic = Topics.PREDICTION_REQUESTS;
    private String predictionsTopic = Topics.PREDICTIONS;
    private String deadLettersTopic = Topics.DEAD_LETTERS;
    private final Map<String, String> kafkaProperties = new LinkedHashMap<>();
    private HttpAuth httpAuth = HttpAuth.NONE;
    private HttpTls httpTls;

    private Builder(String bootstrapServers) {
      this.bootstrapServers = nonBlank("bootstrapServers", bootstrapServers);
    }

    public Builder applicationId(String id) {
      this.applicationId = nonBlank("applicationId", id);
      return this;
    }

    public Builder httpHost(String host) {
      this.httpHost = nonBlank("httpHost", host);
      return this;
    }

    public Builder httpPort(int port) {
      this.httpPort = port(port);
      return this;
    }

    /** A state folder that is kept (null: a temporary one, deleted on close). */
    public Builder stateDir(Path dir) {
      this.stateDir = dir;
      return this;
    }

    public Builder historySize(int n) {
      this.historySize = history(n);
      return this;
    }

    public Builder summariesTopic(String t) {
      this.summariesTopic = nonBlank("topics.summaries", t);
      return this;
    }

    public Builder drawsTopic(String t) {
      this.drawsTopic = nonBlank("topics.draws", t);
      return this;
    }

    public Builder modelsTopic(String t) {
      this.modelsTopic = nonBlank("topics.models", t);
      return this;
    }

    public Builder predictionRequestsTopic(String t) {
      this.predictionRequestsTopic = nonBlank("topics.predictionRequests", t);
      return this;
    }

    public Builder predictionsTopic(String t) {
      this.predictionsTopic = nonBlank("topics.predictions", t);
      return this;
    }

    public Builder deadLettersTopic(String t) {
      this.deadLettersTopic = nonBlank("topics.deadLetters", t);
      return this;
    }

    /** Extra properties for every Kafka client, e.g. {@code security.protocol}. */
    public Builder kafkaProperties(Map<String, String> props) {
      Objects.requireNonNull(props, "kafkaProperties");
      props.forEach((k, v) -> kafkaProperties.put(nonBlank("kafka property key", k),
          Objects.requireNonNull(v, () -> "kafka." + k + " must have a value")));
      return this;
    }

    /** Bearer-token authentication of the HTTP API (default: none). */
    public Builder httpAuth(HttpAuth auth) {
      this.httpAuth = Objects.requireNonNull(auth, "httpAuth");
      return this;
    }

    /** TLS for the HTTP API (default: none, plain HTTP). */
    public Builder httpTls(HttpTls tls) {
      this.httpTls = tls;
      return this;
    }

    public ServingConfig build() {
      return new ServingConfig(bootstrapServers, applicationId, httpHost, httpPort, stateDir,
          historySize, summariesTopic, drawsTopic, modelsTopic, predictionRequestsTopic,
          predictionsTopic, deadLettersTopic, kafkaProperties, httpAuth, httpTls);
    }
  }
}
