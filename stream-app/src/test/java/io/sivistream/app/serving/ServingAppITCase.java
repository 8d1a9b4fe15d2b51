package io.sivistream.app.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.sivistream.app.demo.Demo;
import io.sivistream.app.embedded.EmbeddedKafka;
import io.sivistream.schemas.DeadLetter;
import io.sivistream.schemas.ModelSpec;
import io.sivistream.schemas.PosteriorDraws;
import io.sivistream.schemas.PosteriorSummary;
import io.sivistream.schemas.Prediction;
import io.sivistream.schemas.PredictionRequest;
import io.sivistream.schemas.Topics;
import io.sivistream.schemas.codec.AvroCodec;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** The serving app on a real in-process broker: reads the real topics, answers HTTP, writes predictions. */
class ServingAppITCase {

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void servesWhatIsOnTheTopicsAndAnswersPredictionRequests() throws Exception {
    List<String> before = serveTempDirs();
    try (EmbeddedKafka kafka = EmbeddedKafka.start(0)) {
      kafka.createTopics(Demo.TOPICS);
      String bootstrap = kafka.bootstrapServers();
      PosteriorDraws draws = Fixtures.draws("clicks", 3, new double[] {-0.5, 1.2, -0.8}, 100);
      try (KafkaProducer<byte[], byte[]> p = producer(bootstrap)) {
        send(p, Topics.MODELS, "clicks", AvroCodec.of(ModelSpec.class)
            .encode(Fixtures.spec("clicks", "logistic-regression")));
        for (long v = 1; v <= 3; v++) {
          send(p, Topics.POSTERIOR_SUMMARIES, "clicks", AvroCodec.of(PosteriorSummary.class)
              .encode(Fixtures.summary("clicks", v)));
        }
        send(p, Topics.POSTERIOR_DRAWS, "clicks", AvroCodec.of(PosteriorDraws.class).encode(draws));
        p.flush();
      }

      ServingConfig config = ServingConfig.builder(bootstrap).applicationId("serving-itcase")
          .httpPort(0).build();
      try (ServingApp app = ServingApp.start(config, TrueValues.NONE)) {
        String base = app.url();
        JsonNode models = await(() -> {
          JsonNode a = json(get(base + "api/models"));
          return a.size() == 1 && a.get(0).get("version").asLong() == 3 ? a : null;
        });
        assertThat(models.get(0).get("modelId").asText()).isEqualTo("clicks");
        JsonNode posterior = json(get(base + "api/models/clicks/posterior"));
        assertThat(posterior.get("mean").toString()).isEqualTo("[3.0,-3.0,1.5]");
        assertThat(json(get(base + "api/models/clicks/history?limit=10"))).hasSize(3);
        await(() -> json(get(base + "api/models/clicks/draws?n=10")).get("draws").size() == 10
            ? true : null);
        HttpResponse<String> predicted = http.send(HttpRequest.newBuilder(
            URI.create(base + "api/models/clicks/predict"))
            .POST(HttpRequest.BodyPublishers.ofString("{\"x\": [1, 0.5, -1]}")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(predicted.statusCode()).as(predicted.body()).isEqualTo(200);
        assertThat(json(predicted).get("mean").asDouble())
            .isCloseTo(1 / (1 + Math.exp(-0.9)), within(0.03));
        assertThat(get(base + "health").statusCode()).isEqualTo(200);

        try (KafkaProducer<byte[], byte[]> p = producer(bootstrap)) {
          AvroCodec<PredictionRequest> codec = AvroCodec.of(PredictionRequest.class);
          send(p, Topics.PREDICTION_REQUESTS, "clicks",
              codec.encode(Fixtures.request("clicks", "good", 1, 0.5, -1)));
          send(p, Topics.PREDICTION_REQUESTS, "nope",
              codec.encode(Fixtures.request("nope", "bad", 1, 0.5, -1)));
          p.flush();
        }
        List<Prediction> predictions = new ArrayList<>();
        List<DeadLetter> deadLetters = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = consumer(bootstrap)) {
          c.subscribe(List.of(Topics.PREDICTIONS, Topics.DEAD_LETTERS));
          long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
          while ((predictions.size() < 2 || deadLetters.isEmpty()) && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
              if (r.topic().equals(Topics.PREDICTIONS)) {
                predictions.add(AvroCodec.of(Prediction.class).decode(r.value()));
              } else {
                deadLetters.add(AvroCodec.of(DeadLetter.class).decode(r.value()));
              }
            }
          }
        }
        assertThat(predictions).hasSize(2);
        Prediction good = predictions.get(0);
        assertThat(good.getRequestId()).isEqualTo("good");
        assertThat(good.getVersion()).isEqualTo(3L);
        assertThat(good.getMean()).isCloseTo(json(predicted).get("mean").asDouble(), within(1e-12));
        assertThat(predictions.get(1).getError()).isEqualTo("unknown model 'nope'; known: clicks");
        assertThat(deadLetters).singleElement().satisfies(d -> {
          assertThat(d.getSourceTopic()).isEqualTo(Topics.PREDICTION_REQUESTS);
          assertThat(d.getReason()).contains("unknown model 'nope'");
        });
        String metrics = get(base + "metrics").body();
        assertThat(metrics).contains("sivistream_posterior_version{model=\"clicks\"} 3")
            .contains("sivistream_predictions_total{outcome=\"ok\"} 1")
            .contains("sivistream_predictions_total{outcome=\"unknown_model\"} 1");
      }
    }
    List<String> left = serveTempDirs();
    left.removeAll(before);
    assertThat(left).as("state folders left behind").isEmpty();
  }

  /**
   * The broker stopped for 30 s and started again on the same log directories: the serving app
   * recovers by itself (no restart), serves what is published after the outage, answers
   * prediction requests with it, and stays healthy.
   */
  @Test
  void recoversByItselfFromAThirtySecondBrokerOutage() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(0)) {
      kafka.createTopics(Demo.TOPICS);
      String bootstrap = kafka.bootstrapServers();
      AvroCodec<PosteriorSummary> summaries = AvroCodec.of(PosteriorSummary.class);
      try (KafkaProducer<byte[], byte[]> p = producer(bootstrap)) {
        send(p, Topics.MODELS, "clicks", AvroCodec.of(ModelSpec.class)
            .encode(Fixtures.spec("clicks", "logistic-regression")));
        send(p, Topics.POSTERIOR_SUMMARIES, "clicks", summaries.encode(Fixtures.summary("clicks", 1)));
        p.flush();
      }
      ServingConfig config = ServingConfig.builder(bootstrap).applicationId("serving-outage")
          .httpPort(0).build();
      try (ServingApp app = ServingApp.start(config, TrueValues.NONE)) {
        String base = app.url();
        await(() -> json(get(base + "api/models")).path(0).path("version").asLong() == 1 ? true : null);

        kafka.stopKeepingLogs();
        Thread.sleep(30_000);
        kafka.restart();

        try (KafkaProducer<byte[], byte[]> p = producer(bootstrap)) {
          send(p, Topics.POSTERIOR_SUMMARIES, "clicks", summaries.encode(Fixtures.summary("clicks", 2)));
          send(p, Topics.POSTERIOR_DRAWS, "clicks", AvroCodec.of(PosteriorDraws.class)
              .encode(Fixtures.draws("clicks", 2, new double[] {-0.5, 1.2, -0.8}, 100)));
          p.flush();
        }
        await(() -> json(get(base + "api/models")).path(0).path("version").asLong() == 2 ? true : null);
        await(() -> json(get(base + "api/models/clicks/draws?n=10")).get("draws").size() == 10 ? true : null);
        try (KafkaProducer<byte[], byte[]> p = producer(bootstrap)) {
          send(p, Topics.PREDICTION_REQUESTS, "clicks", AvroCodec.of(PredictionRequest.class)
              .encode(Fixtures.request("clicks", "after-outage", 1, 0.5, -1)));
          p.flush();
        }
        Prediction prediction = null;
        try (KafkaConsumer<byte[], byte[]> c = consumer(bootstrap)) {
          c.subscribe(List.of(Topics.PREDICTIONS));
          long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
          while (prediction == null && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
              prediction = AvroCodec.of(Prediction.class).decode(r.value());
            }
          }
        }
        assertThat(prediction).as("a prediction answered after the outage").isNotNull();
        assertThat(prediction.getRequestId()).isEqualTo("after-outage");
        assertThat(prediction.getVersion()).isEqualTo(2L);
        assertThat(get(base + "health").statusCode()).isEqualTo(200);
      }
    }
  }

  static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  static KafkaConsumer<byte[], byte[]> consumer(String bootstrap) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "serving-itcase-reader");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  static void send(KafkaProducer<byte[], byte[]> p, String topic, String key, byte[] value) {
    p.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value));
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(HttpResponse<String> r) throws Exception {
    return JsonViews.MAPPER.readTree(r.body());
  }

  /** Polls until {@code probe} returns non-null (exceptions count as "not yet"), for 60 s. */
  static <T> T await(Callable<T> probe) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try {
        T v = probe.call();
        if (v != null) {
          return v;
        }
      } catch (Exception e) {
        last = e;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("not reached within 60 s", last);
  }

  private static List<String> serveTempDirs() {
    String[] names = new File(System.getProperty("java.io.tmpdir")).list(
        (dir, name) -> name.startsWith("sivistream-serve-"));
    return names == null ? new ArrayList<>() : new ArrayList<>(Arrays.asList(names));
  }
}
