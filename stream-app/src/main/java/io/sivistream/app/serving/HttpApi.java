package io.sivistream.app.serving;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.sivistream.schemas.PosteriorDraws;
import io.sivistream.schemas.PosteriorSummary;
import io.sivistream.schemas.UpdateStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API, the metrics endpoint and the dashboard's static files, as one
 * {@link HttpHandler} for the context {@code /}. Every error is JSON {@code {"error", "status"}}:
 * 404 for an unknown model or path, 400 for a malformed request (the message names the problem),
 * 405 for a wrong method, 503 while the posterior is not there yet.
 */
final class HttpApi implements HttpHandler {

  private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
  private static final Pattern MODEL_PATH =
      Pattern.compile("^/api/models/([^/]+)/(posterior|history|draws|predict)$");
  private static final int MAX_BODY_BYTES = 1 << 20;
  /**
   * How much of an oversized body is read and discarded before the 413 goes out. Closing a socket
   * with unread bytes makes the kernel send a reset, and the client then loses the 413 it was
   * sent (seen in CI: "bytes received: 0" for a 1.2 MB body); draining keeps memory flat and lets
   * the client read the answer. Beyond this the connection is simply closed.
   */
  private static final long MAX_DRAINED_BODY_BYTES = 64L << 20;
  private static final int DEFAULT_HISTORY = 100;
  private static final String DASHBOARD = "/io/sivistream/app/serving/dashboard/";
  private static final Map<String, String> STATIC = Map.of(
      "/", "index.html", "/index.html", "index.html", "/dashboard.js", "dashboard.js",
      "/dashboard.css", "dashboard.css");

  private final PosteriorView view;
  private final Predictor predictor;
  private final ServingMetrics metrics;
  private final HttpAuth auth;
  private final Supplier<String> streamsState;
  private final TrueValues truth;

  /**
   * @param view         what to answer from
   * @param predictor    posterior-predictive answers
   * @param metrics      counters to record requests in and to expose
   * @param streamsState the Kafka Streams state (RUNNING, REBALANCING, ...), for /health
   * @param truth        true values to show on the dashboard
   * @param auth         which routes need a bearer token
   */
  HttpApi(PosteriorView view, Predictor predictor, ServingMetrics metrics,
      Supplier<String> streamsState, TrueValues truth, HttpAuth auth) {
    this.auth = auth;
    this.view = view;
    this.predictor = predictor;
    this.metrics = metrics;
    this.streamsState = streamsState;
    this.truth = truth;
  }

  /** An answer: status, content type, body. */
  private record Response(int status, String contentType, byte[] body) {
    static Response json(int status, JsonNode body) {
      try {
        return new Response(status, "application/json; charset=utf-8",
            JsonViews.MAPPER.writeValueAsBytes(body));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot write JSON", e);
      }
    }

    static Response error(int status, String message) {
      return json(status, JsonViews.error(status, message));
    }
  }

  /** A request that cannot be answered; becomes a JSON error. */
  private static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;

    Failure(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    long start = System.nanoTime();
    String path = ex.getRequestURI().getPath();
    String route = route(path);
    Response r;
    try {
      if (auth.guards(ex.getRequestMethod(), path)
          && !auth.accepts(ex.getRequestHeaders().getFirst("Authorization"))) {
        // say what is needed, never what was sent
        ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"sivistream\"");
        throw new Failure(401, "this route needs 'Authorization: Bearer <token>' (http.auth is "
            + auth.scope().name().toLowerCase(java.util.Locale.ROOT) + ")");
      }
      r = answer(ex, path);
    } catch (Failure f) {
      r = Response.error(f.status, f.getMessage());
    } catch (RuntimeException e) {
      LOG.warn("serving: {} {} failed", ex.getRequestMethod(), path, e);
      r = Response.error(500, "internal error: " + e);
    }
    try (ex) {
      ex.getResponseHeaders().set("Content-Type", r.contentType());
      ex.getResponseHeaders().set("Cache-Control", "no-store");
      boolean head = ex.getRequestMethod().equals("HEAD");
      ex.sendResponseHeaders(r.status(), head ? -1 : r.body().length);
      if (!head) {
        try (OutputStream out = ex.getResponseBody()) {
          out.write(r.body());
        }
      }
    } finally {
      metrics.request(route, r.status(), (System.nanoTime() - start) / 1e9);
    }
  }

  private Response answer(HttpExchange ex, String path) throws IOException {
    String method = ex.getRequestMethod();
    Map<String, String> query = query(ex.getRequestURI().getRawQuery());
    if (STATIC.containsKey(path)) {
      requireGet(method, path);
      return staticFile(STATIC.get(path));
    }
    switch (path) {
      case "/health" -> {
        requireGet(method, path);
        String state = streamsState.get();
        boolean up = state.equals("RUNNING") || state.equals("REBALANCING");
        // a degraded model (a failed window since its previous update) is reported, not a
        // reason to take the instance out of service: its last good posterior is still served
        var health = JsonViews.MAPPER.createObjectNode()
            .put("status", up ? "UP" : "DOWN").put("streams", state)
            .put("models", view.modelIds().size());
        var degraded = health.putArray("degraded");
        for (String id : degradedModels()) {
          degraded.add(id);
        }
        return Response.json(up ? 200 : 503, health);
      }
      case "/metrics" -> {
        requireGet(method, path);
        return new Response(200, "text/plain; version=0.0.4; charset=utf-8",
            metrics.write(view, Instant.now()).getBytes(StandardCharsets.UTF_8));
      }
      case "/api/models" -> {
        requireGet(method, path);
        ArrayNode a = JsonViews.MAPPER.createArrayNode();
        for (String id : view.modelIds()) {
          a.add(JsonViews.modelEntry(id, view.latest(id), view.spec(id)));
        }
        return Response.json(200, a);
      }
      case "/api/truth" -> {
        requireGet(method, path);
        return Response.json(200, JsonViews.truth(truth));
      }
      default -> {
        // per-model routes below
      }
    }
    Matcher m = MODEL_PATH.matcher(path);
    if (!m.matches()) {
      throw new Failure(404, "no such endpoint: " + method + " " + path + "; the API has GET"
          + " /api/models, /api/models/{id}/posterior, /api/models/{id}/history?limit=N,"
          + " /api/models/{id}/draws?n=N, POST /api/models/{id}/predict, GET /health, /metrics");
    }
    String id = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
    return switch (m.group(2)) {
      case "posterior" -> {
        requireGet(method, path);
        yield Response.json(200, JsonViews.posterior(latest(id)));
      }
      case "history" -> {
        requireGet(method, path);
        int limit = positive(query, "limit", DEFAULT_HISTORY);
        latest(id);
        ArrayNode a = JsonViews.MAPPER.createArrayNode();
        view.history(id, limit).forEach(s -> a.add(JsonViews.posterior(s)));
        yield Response.json(200, a);
      }
      case "draws" -> {
        requireGet(method, path);
        int n = positive(query, "n", Integer.MAX_VALUE);
        Optional<PosteriorDraws> d = view.draws(id);
        if (d.isEmpty()) {
          throw unknownOrNotYet(id, "draws");
        }
        yield Response.json(200, JsonViews.draws(d.get(), n));
      }
      default -> {
        if (!method.equals("POST")) {
          throw new Failure(405, method + " " + path + " is not allowed; use POST with a JSON"
              + " body such as {\"x\": [1, 0.5, -2]}");
        }
        yield predict(id, readBody(ex));
      }
    };
  }

  private Response predict(String id, byte[] body) {
    JsonNode root;
    try {
      root = JsonViews.MAPPER.readTree(body);
    } catch (IOException e) {
      throw new Failure(400, "request body is not valid JSON: "
          + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage())
          + "; send {\"x\": [numbers, one per feature]}");
    }
    if (root == null || !root.isObject() || !root.has("x")) {
      throw new Failure(400, "request body needs \"x\": an array of numbers, one per feature,"
          + " e.g. {\"x\": [1, 0.5, -2]}");
    }
    JsonNode xs = root.get("x");
    if (!xs.isArray()) {
      throw new Failure(400, "\"x\" must be an array of numbers, got " + xs);
    }
    double[] x = new double[xs.size()];
    for (int i = 0; i < x.length; i++) {
      if (!xs.get(i).isNumber()) {
        throw new Failure(400, "x[" + i + "] must be a number, got " + xs.get(i));
      }
      x[i] = xs.get(i).asDouble();
    }
    Predictor.Outcome o = predictor.predict(view, id, x);
    return switch (o.kind()) {
      case OK -> Response.json(200, JsonViews.prediction(o));
      case UNKNOWN_MODEL -> Response.error(404, o.error());
      case BAD_REQUEST -> Response.error(400, o.error());
      case NOT_READY -> Response.error(503, o.error());
    };
  }

  private PosteriorSummary latest(String id) {
    return view.latest(id).orElseThrow(() -> unknownOrNotYet(id, "posterior"));
  }

  private Failure unknownOrNotYet(String id, String what) {
    if (view.spec(id).isPresent()) {
      return new Failure(404, "model '" + id + "' has no " + what + " yet; the first arrives"
          + " after its first window");
    }
    List<String> known = view.modelIds();
    return new Failure(404, "unknown model '" + id + "'; known: "
        + (known.isEmpty() ? "none yet" : String.join(", ", known)));
  }

  private static void requireGet(String method, String path) {
    if (!method.equals("GET") && !method.equals("HEAD")) {
      throw new Failure(405, method + " " + path + " is not allowed; use GET");
    }
  }

  private static int positive(Map<String, String> query, String key, int dflt) {
    String v = query.get(key);
    if (v == null) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(v.strip());
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new Failure(400, "query parameter " + key + " must be a whole number >= 1, got '" + v
        + "'");
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.put(k, v);
    }
    return out;
  }

  /**
   * Models whose latest summary is DEGRADED, and models whose latest failed update is newer than
   * their latest summary: among them a model whose every window failed, which never publishes a
   * summary to say so.
   */
  private List<String> degradedModels() {
    java.util.TreeSet<String> ids = new java.util.TreeSet<>();
    for (var s : view.latestAll()) {
      if (s.getDiagnostics().getStatus() == UpdateStatus.DEGRADED) {
        ids.add(s.getModelId());
      }
    }
    for (String id : view.modelsWithFailedUpdates()) {
      var failure = view.lastFailedUpdate(id);
      var latest = view.latest(id);
      if (failure.isPresent() && (latest.isEmpty()
          || failure.get().getFailedAt().isAfter(latest.get().getCreatedAt()))) {
        ids.add(id);
      }
    }
    return new ArrayList<>(ids);
  }

  private static byte[] readBody(HttpExchange ex) throws IOException {
    try (InputStream in = ex.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
      if (body.length > MAX_BODY_BYTES) {
        discardUpTo(in, MAX_DRAINED_BODY_BYTES);
        throw new Failure(413, "request body is larger than " + MAX_BODY_BYTES + " bytes");
      }
      return body;
    }
  }

  /** Reads and drops at most {@code limit} bytes, stopping early at the end of the stream. */
  private static void discardUpTo(InputStream in, long limit) throws IOException {
    byte[] sink = new byte[64 * 1024];
    long left = limit;
    while (left > 0) {
      int n = in.read(sink, 0, (int) Math.min(sink.length, left));
      if (n < 0) {
        return;
      }
      left -= n;
    }
  }

  private static Response staticFile(String name) throws IOException {
    try (InputStream in = HttpApi.class.getResourceAsStream(DASHBOARD + name)) {
      if (in == null) {
        throw new Failure(404, "dashboard file " + name + " is missing from the jar");
      }
      String type = name.endsWith(".html") ? "text/html; charset=utf-8"
          : name.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8";
      return new Response(200, type, in.readAllBytes());
    }
  }

  /** The metrics label of a path: per-model paths as templates, unknown paths as "other". */
  static String route(String path) {
    Matcher m = MODEL_PATH.matcher(path);
    if (m.matches()) {
      return "/api/models/{id}/" + m.group(2);
    }
    return switch (path) {
      case "/", "/index.html", "/dashboard.js", "/dashboard.css", "/health", "/metrics",
          "/api/models", "/api/truth" -> path;
      default -> "other";
    };
  }
}
