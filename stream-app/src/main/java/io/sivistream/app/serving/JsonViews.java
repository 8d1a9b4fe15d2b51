package io.sivistream.app.serving;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sivistream.core.predict.Band;
import io.sivistream.core.predict.PredictiveSummary;
import io.sivistream.schemas.ModelSpec;
import io.sivistream.schemas.PosteriorDraws;
import io.sivistream.schemas.PosteriorSummary;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The JSON shapes of the HTTP API (documented in the README). Non-finite numbers become null. */
final class JsonViews {

  static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonViews() {}

  /** One entry of {@code GET /api/models}. */
  static ObjectNode modelEntry(String id, Optional<PosteriorSummary> latest,
      Optional<ModelSpec> spec) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("modelId", id);
    if (latest.isPresent()) {
      n.put("version", latest.get().getVersion());
      n.put("updatedAt", latest.get().getCreatedAt().toString());
    } else {
      n.putNull("version");
      n.putNull("updatedAt");
    }
    n.put("model", spec.map(ModelSpec::getModel).orElse(null));
    return n;
  }

  /** {@code GET /api/models/{id}/posterior}, and each entry of {@code /history}. */
  static ObjectNode posterior(PosteriorSummary s) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("modelId", s.getModelId());
    n.put("version", s.getVersion());
    ArrayNode names = n.putArray("parameters");
    s.getParameterNames().forEach(names::add);
    numbers(n.putArray("mean"), s.getMean());
    numbers(n.putArray("sd"), s.getSd());
    numbers(n.putArray("q05"), s.getQ05());
    numbers(n.putArray("q50"), s.getQ50());
    numbers(n.putArray("q95"), s.getQ95());
    n.put("rowsTotal", s.getRowsTotal());
    n.put("rowsInWindow", s.getRowsInWindow());
    n.put("windowStart", s.getWindowStart().toString());
    n.put("windowEnd", s.getWindowEnd().toString());
    n.put("status", s.getDiagnostics().getStatus().name());
    n.put("createdAt", s.getCreatedAt().toString());
    n.put("updateMillis", s.getDiagnostics().getUpdateMillis());
    n.put("iterations", s.getDiagnostics().getIterations());
    n.put("lateRows", s.getDiagnostics().getLateRows());
    n.put("failedWindows", s.getDiagnostics().getFailedWindows());
    n.put("lastFailure", s.getDiagnostics().getLastFailure());
    n.put("engineVersion", s.getEngineVersion());
    n.put("specHash", s.getSpecHash());
    n.put("epoch", s.getEpoch());
    // refresh latency: end of the window (event time) to publication (processing time)
    n.put("publishLagMillis", s.getCreatedAt().toEpochMilli() - s.getWindowEnd().toEpochMilli());
    return n;
  }

  /** {@code GET /api/models/{id}/draws?n=N}: the first {@code limit} draws. */
  static ObjectNode draws(PosteriorDraws d, int limit) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("modelId", d.getModelId());
    n.put("version", d.getVersion());
    ArrayNode names = n.putArray("parameters");
    d.getParameterNames().forEach(names::add);
    ArrayNode rows = n.putArray("draws");
    d.getDraws().stream().limit(limit).forEach(row -> numbers(rows.addArray(), row));
    n.put("createdAt", d.getCreatedAt().toString());
    return n;
  }

  /** {@code POST /api/models/{id}/predict}. */
  static ObjectNode prediction(Predictor.Outcome o) {
    PredictiveSummary s = o.summary();
    ObjectNode n = MAPPER.createObjectNode();
    n.put("modelId", o.modelId());
    n.put("version", o.version());
    n.put("model", o.model());
    n.put("quantity", s.quantity());
    number(n, "mean", s.mean());
    number(n, "sd", s.sd());
    number(n, "q05", s.q05());
    number(n, "q95", s.q95());
    Band e = s.expected();
    ObjectNode expected = n.putObject("expected");
    number(expected, "mean", e.mean());
    number(expected, "sd", e.sd());
    number(expected, "q05", e.q05());
    number(expected, "q50", e.q50());
    number(expected, "q95", e.q95());
    n.put("draws", s.draws());
    return n;
  }

  /** {@code GET /api/truth}. */
  static ObjectNode truth(TrueValues t) {
    ObjectNode n = MAPPER.createObjectNode();
    t.models().forEach((id, m) -> {
      ObjectNode model = n.putObject(id);
      ArrayNode names = model.putArray("parameters");
      m.parameters().forEach(names::add);
      ArrayNode segments = model.putArray("segments");
      for (TrueValues.Segment s : m.segments()) {
        ObjectNode seg = segments.addObject();
        Instant from = s.from();
        seg.put("from", from == null ? null : from.toString());
        ArrayNode values = seg.putArray("values");
        for (double v : s.values()) {
          values.add(v);
        }
      }
    });
    return n;
  }

  /** {"error": message, "status": code}. */
  static ObjectNode error(int status, String message) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("error", message);
    n.put("status", status);
    return n;
  }

  private static void numbers(ArrayNode a, List<Double> values) {
    for (Double v : values) {
      if (v == null || !Double.isFinite(v)) {
        a.addNull();
      } else {
        a.add(v);
      }
    }
  }

  private static void number(ObjectNode n, String key, double v) {
    if (Double.isFinite(v)) {
      n.put(key, v);
    } else {
      n.putNull(key);
    }
  }
}
