package io.sivistream.app.serving;

import io.sivistream.schemas.DeadLetter;
import io.sivistream.schemas.ModelSpec;
import io.sivistream.schemas.PosteriorDraws;
import io.sivistream.schemas.PosteriorSummary;
import io.sivistream.schemas.Prediction;
import io.sivistream.schemas.PredictionRequest;
import io.sivistream.schemas.Topics;
import io.sivistream.schemas.codec.AvroCodec;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** The serving topology on a TopologyTestDriver, with typed pipes for its topics. */
final class TopologyHarness implements AutoCloseable {

  final ServingMetrics metrics = new ServingMetrics();
  final TopologyTestDriver driver;
  final PosteriorView view;
  private final TestInputTopic<byte[], byte[]> models;
  private final TestInputTopic<byte[], byte[]> summaries;
  private final TestInputTopic<byte[], byte[]> draws;
  private final TestInputTopic<byte[], byte[]> requests;
  private final TestInputTopic<byte[], byte[]> jobDeadLetters;
  private final TestOutputTopic<byte[], byte[]> predictions;
  private final TestOutputTopic<byte[], byte[]> deadLetters;

  TopologyHarness(int historySize) {
    ServingConfig config = ServingConfig.builder("unused:9092").historySize(historySize).build();
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "serving-test");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    driver = new TopologyTestDriver(ServingTopology.build(config, metrics), p);
    view = new StoreView(name -> driver.<String, Object>getKeyValueStore(name));
    ByteArraySerializer ser = new ByteArraySerializer();
    ByteArrayDeserializer de = new ByteArrayDeserializer();
    models = driver.createInputTopic(Topics.MODELS, ser, ser);
    summaries = driver.createInputTopic(Topics.POSTERIOR_SUMMARIES, ser, ser);
    draws = driver.createInputTopic(Topics.POSTERIOR_DRAWS, ser, ser);
    requests = driver.createInputTopic(Topics.PREDICTION_REQUESTS, ser, ser);
    jobDeadLetters = driver.createInputTopic(Topics.DEAD_LETTERS, ser, ser);
    predictions = driver.createOutputTopic(Topics.PREDICTIONS, de, de);
    deadLetters = driver.createOutputTopic(Topics.DEAD_LETTERS, de, de);
  }

  static byte[] key(String id) {
    return id.getBytes(StandardCharsets.UTF_8);
  }

  void model(ModelSpec s) {
    models.pipeInput(key(s.getModelId()), AvroCodec.of(ModelSpec.class).encode(s));
  }

  void summary(PosteriorSummary s) {
    summaries.pipeInput(key(s.getModelId()), AvroCodec.of(PosteriorSummary.class).encode(s));
  }

  void rawSummary(byte[] key, byte[] value) {
    summaries.pipeInput(key, value);
  }

  void draws(PosteriorDraws d) {
    draws.pipeInput(key(d.getModelId()), AvroCodec.of(PosteriorDraws.class).encode(d));
  }

  /** A dead letter the job wrote (key = model id). */
  void jobDeadLetter(String modelId, io.sivistream.schemas.DeadLetter d) {
    jobDeadLetters.pipeInput(key(modelId), AvroCodec.of(io.sivistream.schemas.DeadLetter.class).encode(d));
  }

  void request(PredictionRequest r) {
    requests.pipeInput(key(r.getModelId()), AvroCodec.of(PredictionRequest.class).encode(r));
  }

  void rawRequest(byte[] key, byte[] value) {
    requests.pipeInput(key, value);
  }

  Prediction nextPrediction() {
    return AvroCodec.of(Prediction.class).decode(predictions.readValue());
  }

  boolean noPredictions() {
    return predictions.isEmpty();
  }

  DeadLetter nextDeadLetter() {
    return AvroCodec.of(DeadLetter.class).decode(deadLetters.readValue());
  }

  boolean noDeadLetters() {
    return deadLetters.isEmpty();
  }

  @Override
  public void close() {
    driver.close();
  }
}
