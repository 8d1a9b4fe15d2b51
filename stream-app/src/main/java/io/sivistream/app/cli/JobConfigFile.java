package io.sivistream.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.sivistream.app.job.PosteriorJobConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The YAML job configuration of {@code sivistream run}. Only {@code bootstrapServers} is required;
 * every other key defaults to {@link PosteriorJobConfig.Builder}'s value:
 *
 * <pre>{@code
 * bootstrapServers: kafka-0.kafka:9092
 * topics: {observations: observations, models: models, summaries: posterior-summaries,
 *          draws: posterior-draws, deadLetters: dead-letters}
 * groupId: sivistream-posterior
 * transactionalIdPrefix: sivistream-posterior
 * parallelism: 2
 * stateBackend: rocksdb            # or hashmap
 * checkpointDir: s3://bucket/ckpt  # default: kept in the job manager
 * checkpointInterval: 10s          # 500ms, 10s, 2m, 1h, a number of seconds, or ISO-8601 (PT10S)
 * transactionTimeout: 15m
 * maxOutOfOrderness: 5s
 * idleness: 30s
 * unknownModelTimeout: 1m
 * restoreFrom: s3://bucket/ckpt/<job>/chk-42
 * restartAttempts: 10
 * restartDelay: 2s
 * draws: 200                       # posterior draws published per window (0: none)
 * maxBufferedValues: 2000000       # per model and open time window; beyond it the window is sampled
 * kafka:                           # passed to every Kafka client unchanged (security etc.)
 *   security.protocol: SASL_SSL
 *   sasl.mechanism: SCRAM-SHA-512
 * }</pre>
 *
 * @param job   the job settings
 * @param draws draws per window on the draws topic
 */
record JobConfigFile(PosteriorJobConfig job, int draws) {

  static final List<String> KEYS = List.of("bootstrapServers", "topics", "groupId",
      "transactionalIdPrefix", "parallelism", "stateBackend", "checkpointDir",
      "checkpointInterval", "transactionTimeout", "maxOutOfOrderness", "idleness",
      "unknownModelTimeout", "restoreFrom", "restartAttempts", "restartDelay", "draws", "kafka",
      "maxBufferedValues");
  static final List<String> TOPIC_KEYS =
      List.of("observations", "models", "summaries", "draws", "deadLetters");
  static final int DEFAULT_DRAWS = 200;

  private static final YAMLMapper MAPPER =
      YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

  /** Reads and checks a config file; every mistake is a {@link UserError} naming the file. */
  static JobConfigFile load(Path file) {
    return parse(readText(file), file.toString());
  }

  /** A config file's text; a missing or unreadable file is a {@link UserError}. */
  static String readText(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new UserError(file + ": no such file");
    } catch (IOException e) {
      throw new UserError(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  /**
   * The YAML tree of a config (duplicate keys rejected); invalid or empty text is a
   * {@link UserError} prefixed by {@code source}.
   *
   * @param what the config's name in messages, e.g. "job config"
   */
  static JsonNode readRoot(String yaml, String source, String what) {
    JsonNode root;
    try {
      root = MAPPER.readTree(yaml);
    } catch (JsonProcessingException e) {
      throw new UserError(source + ": not valid YAML: " + e.getOriginalMessage(), e);
    }
    if (root == null || root.isNull() || root.isMissingNode()) {
      throw new UserError(source + ": the " + what + " is empty; it needs at least"
          + " 'bootstrapServers: host:9092'");
    }
    return root;
  }

  /** Parses config text; {@code source} prefixes error messages. */
  static JobConfigFile parse(String yaml, String source) {
    JsonNode root = readRoot(yaml, source, "job config");
    Reader r = new Reader(source);
    r.checkKeys(root, "", KEYS);
    String bootstrap = r.text(root, "bootstrapServers");
    if (bootstrap == null) {
      throw new UserError(source + ": missing key 'bootstrapServers' (the Kafka brokers,"
          + " e.g. 'bootstrapServers: 127.0.0.1:9092')");
    }
    PosteriorJobConfig.Builder b = PosteriorJobConfig.builder(bootstrap);
    JsonNode topics = root.get("topics");
    if (topics != null && !topics.isNull()) {
      r.checkKeys(topics, "topics", TOPIC_KEYS);
      r.ifText(topics, "topics.", "observations", b::observationsTopic);
      r.ifText(topics, "topics.", "models", b::modelsTopic);
      r.ifText(topics, "topics.", "summaries", b::summariesTopic);
      r.ifText(topics, "topics.", "draws", b::drawsTopic);
      r.ifText(topics, "topics.", "deadLetters", b::deadLettersTopic);
    }
    r.ifText(root, "", "groupId", b::groupId);
    r.ifText(root, "", "transactionalIdPrefix", b::transactionalIdPrefix);
    r.ifText(root, "", "stateBackend", b::stateBackend);
    r.ifText(root, "", "checkpointDir", b::checkpointDir);
    r.ifText(root, "", "restoreFrom", b::restoreFrom);
    Integer parallelism = r.integer(root, "parallelism");
    if (parallelism != null) {
      b.parallelism(parallelism);
    }
    Integer buffered = r.integer(root, "maxBufferedValues");
    if (buffered != null) {
      if (buffered < 1) {
        throw new UserError(source + ": maxBufferedValues must be >= 1 (numbers per model's open"
            + " windows before a window is sampled), got " + buffered);
      }
      b.maxBufferedValues(buffered);
    }
    Integer attempts = r.integer(root, "restartAttempts");
    if (attempts != null) {
      b.restartAttempts(attempts);
    }
    r.ifDuration(root, "checkpointInterval", b::checkpointInterval);
    r.ifDuration(root, "transactionTimeout", b::transactionTimeout);
    r.ifDuration(root, "maxOutOfOrderness", b::maxOutOfOrderness);
    r.ifDuration(root, "idleness", b::idleness);
    r.ifDuration(root, "unknownModelTimeout", b::unknownModelTimeout);
    r.ifDuration(root, "restartDelay", b::restartDelay);
    b.kafkaProperties(r.properties(root.get("kafka")));
    Integer draws = r.integer(root, "draws");
    if (draws != null && draws < 0) {
      throw new UserError(source + ": draws must be >= 0 (0 = publish none), got " + draws);
    }
    try {
      return new JobConfigFile(b.build(), draws == null ? DEFAULT_DRAWS : draws);
    } catch (IllegalArgumentException e) {
      // the config record validates itself; its messages name the key
      throw new UserError(source + ": " + e.getMessage(), e);
    }
  }

  /**
   * A duration: {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}, a bare number of seconds, or
   * ISO-8601 ({@code PT10S}).
   *
   * @throws IllegalArgumentException naming the accepted forms
   */
  static Duration duration(String text) {
    String t = text.strip();
    Matcher m = DURATION.matcher(t.toLowerCase(Locale.ROOT));
    if (m.matches()) {
      double v = Double.parseDouble(m.group(1));
      String unit = m.group(2) == null ? "s" : m.group(2);
      double millis = switch (unit) {
        case "ms" -> v;
        case "m" -> v * 60_000;
        case "h" -> v * 3_600_000;
        default -> v * 1000;
      };
      return Duration.ofMillis(Math.round(millis));
    }
    try {
      return Duration.parse(t);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + text + "' is not a duration; write e.g. 500ms, 10s,"
          + " 2m, 1h, a number of seconds, or ISO-8601 such as PT10S");
    }
  }

  /** Typed reads of YAML nodes with messages that name the file and the key. */
  record Reader(String source) {

    void checkKeys(JsonNode node, String path, List<String> valid) {
      if (!node.isObject()) {
        throw new UserError(source + ": " + (path.isEmpty() ? "the job config" : path)
            + " must be a mapping of keys to values");
      }
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        if (!valid.contains(key)) {
          throw new UserError(source + ": unknown key '" + key + "'"
              + (path.isEmpty() ? "" : " in " + path) + "; valid keys: "
              + String.join(", ", valid));
        }
      }
    }

    String text(JsonNode node, String key) {
      JsonNode v = node.get(key);
      if (v == null || v.isNull()) {
        return null;
      }
      if (!v.isValueNode()) {
        throw new UserError(source + ": " + key + " must be a single value, got " + v);
      }
      return v.asText();
    }

    void ifText(JsonNode node, String prefix, String key, java.util.function.Consumer<String> set) {
      JsonNode v = node.get(key);
      if (v == null || v.isNull()) {
        return;
      }
      if (!v.isValueNode()) {
        throw new UserError(source + ": " + prefix + key + " must be a single value, got " + v);
      }
      set.accept(v.asText());
    }

    Integer integer(JsonNode node, String key) {
      JsonNode v = node.get(key);
      if (v == null || v.isNull()) {
        return null;
      }
      if (!v.isIntegralNumber() || !v.canConvertToInt()) {
        throw new UserError(source + ": " + key + " must be a whole number, got " + v);
      }
      return v.intValue();
    }

    void ifDuration(JsonNode node, String key, java.util.function.Consumer<Duration> set) {
      String t = text(node, key);
      if (t == null) {
        return;
      }
      try {
        set.accept(duration(t));
      } catch (IllegalArgumentException e) {
        throw new UserError(source + ": " + key + ": " + e.getMessage(), e);
      }
    }

    Map<String, String> properties(JsonNode node) {
      Map<String, String> out = new LinkedHashMap<>();
      if (node == null || node.isNull()) {
        return out;
      }
      if (!node.isObject()) {
        throw new UserError(source + ": kafka must be a mapping of Kafka client properties,"
            + " e.g. 'kafka: {security.protocol: SSL}'");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getValue().isValueNode() || e.getValue().isNull()) {
          throw new UserError(source + ": kafka." + e.getKey() + " must be a single value, got "
              + e.getValue());
        }
        out.put(e.getKey(), e.getValue().asText());
      }
      return out;
    }
  }
}
