package io.sivistream.app.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.sivistream.schemas.PosteriorSummary;
import io.sivistream.schemas.UpdateStatus;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP API over a real HttpServer, answering from stores the topology filled. */
class HttpApiTest {

  /** A Prometheus sample line: name{labels} value. */
  private static final Pattern SAMPLE = Pattern.compile(
      "^[a-zA-Z_:][a-zA-Z0-9_:]*(\\{[a-zA-Z_][a-zA-Z0-9_]*=\"[^\"]*\"(,[a-zA-Z_][a-zA-Z0-9_]*=\"[^\"]*\")*\\})?"
          + " (NaN|[+-]Inf|-?[0-9.]+([eE][+-]?[0-9]+)?)$");

  private TopologyHarness h;
  private HttpServer server;
  private String base;
  private final HttpClient client = HttpClient.newHttpClient();
  private String streamsState = "RUNNING";
  private HttpAuth auth = HttpAuth.NONE;

  @BeforeEach
  void start() throws IOException {
    h = new TopologyHarness(50);
    Fixtures.clicksAndWaiting(h);
    TrueValues truth = new TrueValues(Map.of("clicks", new TrueValues.Model(Fixtures.NAMES,
        List.of(new TrueValues.Segment(null, new double[] {-0.5, 1.2, -0.8}),
            new TrueValues.Segment(Fixtures.T0.plusSeconds(60), new double[] {0.5, -0.6, 1})))));
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", new HttpApi(h.view, new Predictor(), h.metrics, () -> streamsState,
        truth, auth));
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    h.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(base + path))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> r) throws IOException {
    assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
    return JsonViews.MAPPER.readTree(r.body());
  }

  @Test
  void listsModelsWithTheirLatestVersion() throws Exception {
    HttpResponse<String> r = get("/api/models");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode a = json(r);
    assertThat(a).hasSize(2);
    assertThat(a.get(0).get("modelId").asText()).isEqualTo("clicks");
    assertThat(a.get(0).get("version").asLong()).isEqualTo(4);
    assertThat(Instant.parse(a.get(0).get("updatedAt").asText()))
        .isEqualTo(Fixtures.summary("clicks", 4).getCreatedAt());
    assertThat(a.get(1).get("modelId").asText()).isEqualTo("waiting");
    assertThat(a.get(1).get("version").isNull()).isTrue();
  }

  @Test
  void posteriorHasTheDocumentedShape() throws Exception {
    HttpResponse<String> r = get("/api/models/clicks/posterior");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode p = json(r);
    for (String key : List.of("modelId", "version", "parameters", "mean", "sd", "q05", "q50", "q95",
        "rowsTotal", "windowEnd", "status")) {
      assertThat(p.has(key)).as(key).isTrue();
    }
    assertThat(p.get("version").asLong()).isEqualTo(4);
    assertThat(p.get("parameters").toString()).isEqualTo("[\"intercept\",\"x1\",\"x2\"]");
    assertThat(p.get("mean").toString()).isEqualTo("[4.0,-4.0,2.0]");
    assertThat(p.get("sd").get(0).asDouble()).isEqualTo(0.25);
    assertThat(p.get("rowsTotal").asLong()).isEqualTo(1000);
    assertThat(p.get("status").asText()).isEqualTo("OK");
    assertThat(p.get("publishLagMillis").asLong()).isEqualTo(2500);
  }

  @Test
  void historyIsOldestFirstAndLimited() throws Exception {
    JsonNode a = json(get("/api/models/clicks/history?limit=3"));
    assertThat(a).hasSize(3);
    assertThat(a.get(0).get("version").asLong()).isEqualTo(2);
    assertThat(a.get(2).get("version").asLong()).isEqualTo(4);
    assertThat(json(get("/api/models/clicks/history"))).hasSize(4);
    HttpResponse<String> bad = get("/api/models/clicks/history?limit=zero");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json(bad).get("error").asText())
        .isEqualTo("query parameter limit must be a whole number >= 1, got 'zero'");
  }

  @Test
  void drawsAreCappedAtN() throws Exception {
    JsonNode d = json(get("/api/models/clicks/draws?n=5"));
    assertThat(d.get("version").asLong()).isEqualTo(4);
    assertThat(d.get("draws")).hasSize(5);
    assertThat(d.get("draws").get(0)).hasSize(3);
    assertThat(json(get("/api/models/clicks/draws")).get("draws")).hasSize(30);
  }

  @Test
  void predictAnswersWithThePredictiveSummary() throws Exception {
    HttpResponse<String> r = post("/api/models/clicks/predict", "{\"x\": [1, 0.5, -1]}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode p = json(r);
    assertThat(p.get("quantity").asText()).isEqualTo("probability");
    assertThat(p.get("version").asLong()).isEqualTo(4);
    assertThat(p.get("mean").asDouble()).isCloseTo(1 / (1 + Math.exp(-0.9)), within(0.03));
    assertThat(p.get("q05").asDouble()).isLessThan(p.get("mean").asDouble());
    assertThat(p.get("q95").asDouble()).isGreaterThan(p.get("mean").asDouble());
    assertThat(p.get("expected").get("q50").isNumber()).isTrue();
    assertThat(p.get("draws").asInt()).isEqualTo(30);
  }

  @Test
  void unknownModelsAre404WithAJsonError() throws Exception {
    for (String path : List.of("/api/models/nope/posterior", "/api/models/nope/history",
        "/api/models/nope/draws")) {
      HttpResponse<String> r = get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(404);
      assertThat(json(r).get("error").asText()).isEqualTo("unknown model 'nope'; known: clicks, waiting");
      assertThat(json(r).get("status").asInt()).isEqualTo(404);
    }
    HttpResponse<String> p = post("/api/models/nope/predict", "{\"x\": [1, 2, 3]}");
    assertThat(p.statusCode()).isEqualTo(404);
    assertThat(json(p).get("error").asText()).startsWith("unknown model 'nope'");
    HttpResponse<String> waiting = get("/api/models/waiting/posterior");
    assertThat(waiting.statusCode()).isEqualTo(404);
    assertThat(json(waiting).get("error").asText()).isEqualTo(
        "model 'waiting' has no posterior yet; the first arrives after its first window");
    assertThat(post("/api/models/waiting/predict", "{\"x\": [1, 2, 3]}").statusCode()).isEqualTo(503);
    assertThat(get("/api/nothing").statusCode()).isEqualTo(404);
  }

  @Test
  void malformedBodiesAre400NamingTheProblem() throws Exception {
    assertThat(error(post("/api/models/clicks/predict", "{\"x\": [1, 2"), 400))
        .startsWith("request body is not valid JSON: ");
    assertThat(error(post("/api/models/clicks/predict", "{\"y\": [1]}"), 400))
        .isEqualTo("request body needs \"x\": an array of numbers, one per feature, e.g. {\"x\": [1, 0.5, -2]}");
    assertThat(error(post("/api/models/clicks/predict", "{\"x\": 3}"), 400))
        .isEqualTo("\"x\" must be an array of numbers, got 3");
    assertThat(error(post("/api/models/clicks/predict", "{\"x\": [1, \"a\", 2]}"), 400))
        .isEqualTo("x[1] must be a number, got \"a\"");
    assertThat(error(post("/api/models/clicks/predict", "{\"x\": [1, 2]}"), 400))
        .isEqualTo("model 'clicks' expects 3 features [intercept, x1, x2], got 2");
    assertThat(error(get("/api/models/clicks/predict"), 405)).contains("use POST");
    assertThat(error(post("/api/models", "{}"), 405)).contains("use GET");
  }

  private static String error(HttpResponse<String> r, int status) throws IOException {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    return json(r).get("error").asText();
  }

  @Test
  void healthFollowsTheStreamsState() throws Exception {
    HttpResponse<String> up = get("/health");
    assertThat(up.statusCode()).isEqualTo(200);
    assertThat(json(up).get("status").asText()).isEqualTo("UP");
    streamsState = "ERROR";
    HttpResponse<String> down = get("/health");
    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(json(down).get("streams").asText()).isEqualTo("ERROR");
  }

  @Test
  void withAuthPredictOnlyPredictionsNeedTheTokenAndTheTokenIsNeverEchoed() throws Exception {
    restartWith(new HttpAuth(HttpAuth.Scope.PREDICT, "s3cret-token-0123456789"));
    String body = "{\"x\": [1, 0.5, -2]}";
    HttpResponse<String> without = post("/api/models/clicks/predict", body, null);
    assertThat(without.statusCode()).isEqualTo(401);
    assertThat(without.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"sivistream\"");
    HttpResponse<String> wrong = post("/api/models/clicks/predict", body, "Bearer s3cret-token-0123456780");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).doesNotContain("s3cret").doesNotContain("0123456780");
    assertThat(post("/api/models/clicks/predict", body, "Bearer s3cret-token-0123456789")
        .statusCode()).isEqualTo(200);
    assertThat(get("/api/models/clicks/posterior").statusCode()).isEqualTo(200);
  }

  @Test
  void withAuthAllEveryRouteButHealthNeedsTheToken() throws Exception {
    restartWith(new HttpAuth(HttpAuth.Scope.ALL, "s3cret-token-0123456789"));
    assertThat(get("/api/models").statusCode()).isEqualTo(401);
    assertThat(get("/metrics").statusCode()).isEqualTo(401);
    assertThat(get("/").statusCode()).isEqualTo(401);
    assertThat(get("/health").statusCode()).as("probes carry no token").isEqualTo(200);
    HttpRequest authorised = HttpRequest.newBuilder(URI.create(base + "/api/models"))
        .header("Authorization", "bearer s3cret-token-0123456789").build();
    assertThat(client.send(authorised, HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(200);
  }

  @Test
  void aBodyOverOneMebibyteIs413() throws Exception {
    // 8 MB: large enough that a server which closed without draining would reset the connection
    // before the client read the answer (failed 1 in 3 that way before HttpApi drained it).
    String big = "{\"x\": [" + "1,".repeat(4_000_000) + "1]}";
    HttpResponse<String> r = post("/api/models/clicks/predict", big, null);
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(json(r).get("error").asText()).contains("larger than 1048576 bytes");
  }

  @Test
  void aShortTokenIsRefusedAndTheTokenIsNotPrinted() {
    assertThatThrownBy(() -> new HttpAuth(HttpAuth.Scope.ALL, "short"))
        .hasMessageContaining("at least " + HttpAuth.MIN_TOKEN_LENGTH);
    assertThat(new HttpAuth(HttpAuth.Scope.ALL, "s3cret-token-0123456789").toString())
        .doesNotContain("s3cret");
  }

  private void restartWith(HttpAuth a) throws IOException {
    stop();
    auth = a;
    start();
  }

  private HttpResponse<String> post(String path, String body, String authorization)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void healthListsModelsWhoseLatestUpdateIsDegradedAndStaysUp() throws Exception {
    assertThat(json(get("/health")).get("degraded")).isEmpty();
    PosteriorSummary degraded = Fixtures.summary("clicks", 5);
    degraded.getDiagnostics().setStatus(UpdateStatus.DEGRADED);
    degraded.getDiagnostics().setFailedWindows(1);
    degraded.getDiagnostics().setLastFailure("the update produced a non-finite posterior");
    h.summary(degraded);
    HttpResponse<String> r = get("/health");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).get("degraded")).extracting(JsonNode::asText).containsExactly("clicks");
    h.summary(Fixtures.summary("clicks", 6));
    assertThat(json(get("/health")).get("degraded")).as("recovered with the next update").isEmpty();
  }

  /**
   * A model whose every window fails publishes no summary; the job's failed-update dead letters
   * (key = model id) put it on /health until a summary newer than the failure arrives. Dead
   * letters of other causes do not.
   */
  @Test
  void healthListsAModelWhoseWindowsFailBeforeItEverPublished() throws Exception {
    Instant failedAt = Fixtures.summary("clicks", 1).getCreatedAt().plusSeconds(60);
    h.jobDeadLetter("fresh", deadLetter("FAILED_UPDATE", failedAt));
    h.jobDeadLetter("other", deadLetter("WRONG_DIMENSION", failedAt));
    assertThat(json(get("/health")).get("degraded")).extracting(JsonNode::asText)
        .containsExactly("fresh");
    PosteriorSummary later = Fixtures.summary("fresh", 1);
    later.setCreatedAt(failedAt.plusSeconds(1));
    h.summary(later);
    assertThat(json(get("/health")).get("degraded")).as("a posterior after the failure").isEmpty();
  }

  private static io.sivistream.schemas.DeadLetter deadLetter(String cause, Instant at) {
    return io.sivistream.schemas.DeadLetter.newBuilder().setSourceTopic("observations").setPartition(0)
        .setOffset(7).setKey(java.nio.ByteBuffer.wrap(new byte[0])).setValue(java.nio.ByteBuffer.wrap(new byte[0]))
        .setReason("update failed").setFailedAt(at).setCause(cause).build();
  }

  @Test
  void metricsAreValidPrometheusTextWithRequestCountsAndLatencies() throws Exception {
    get("/api/models");
    get("/api/models/clicks/posterior");
    get("/api/models/nope/posterior");
    HttpResponse<String> r = get("/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("text/plain; version=0.0.4");
    for (String line : r.body().split("\n")) {
      if (!line.startsWith("#")) {
        assertThat(line).matches(SAMPLE);
      }
    }
    assertThat(r.body())
        .contains("sivistream_http_requests_total{route=\"/api/models\",status=\"200\"} 1")
        .contains("sivistream_http_requests_total{route=\"/api/models/{id}/posterior\",status=\"200\"} 1")
        .contains("sivistream_http_requests_total{route=\"/api/models/{id}/posterior\",status=\"404\"} 1")
        .contains("sivistream_http_request_seconds_count{route=\"/api/models/{id}/posterior\"} 2")
        .contains("sivistream_http_request_seconds_bucket{route=\"/api/models\",le=\"+Inf\"} 1")
        .contains("sivistream_posterior_version{model=\"clicks\"} 4")
        .contains("sivistream_posterior_updates_total{model=\"clicks\"} 4")
        .contains("sivistream_posterior_publish_lag_seconds{model=\"clicks\"} 2.5")
        .contains("# TYPE sivistream_http_request_seconds histogram");
  }

  @Test
  void servesTheDashboardAndTheTrueValues() throws Exception {
    HttpResponse<String> page = get("/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
    assertThat(page.body()).contains("<script src=\"dashboard.js\"></script>");
    HttpResponse<String> js = get("/dashboard.js");
    assertThat(js.statusCode()).isEqualTo(200);
    assertThat(js.body()).contains("json('api/models')");
    JsonNode t = json(get("/api/truth"));
    assertThat(t.get("clicks").get("segments")).hasSize(2);
    assertThat(t.get("clicks").get("segments").get(0).get("from").isNull()).isTrue();
    assertThat(t.get("clicks").get("segments").get(1).get("values").get(1).asDouble()).isEqualTo(-0.6);
  }
}
