package io.sivistream.app.serving;

import io.sivistream.core.predict.PosteriorPredictive;
import io.sivistream.core.predict.PredictiveSummary;
import io.sivistream.core.spec.SpecException;
import io.sivistream.schemas.ModelSpec;
import io.sivistream.schemas.PosteriorDraws;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers one prediction request from the latest draws and the model's spec (which says the
 * likelihood and, for linear regression, the noise sd). Shared by the {@code predictions} join and
 * the HTTP {@code predict} endpoint, so both give the same answer and the same errors.
 */
final class Predictor {

  /** How a request ended. */
  enum Kind {
    OK, UNKNOWN_MODEL, BAD_REQUEST, NOT_READY
  }

  /**
   * The answer, or why there is none.
   *
   * @param kind       OK or the failure class
   * @param modelId    the model asked
   * @param model      the model kind (e.g. logistic-regression), or null when unknown
   * @param version    the posterior version used, or null
   * @param parameters the coefficient names, or null
   * @param summary    the predictive summary when OK
   * @param error      why not, when not OK
   */
  record Outcome(Kind kind, String modelId, String model, Long version, List<String> parameters,
      PredictiveSummary summary, String error) {

    static Outcome failed(Kind kind, String modelId, String model, Long version, String error) {
      return new Outcome(kind, modelId, model, version, null, null, error);
    }
  }

  /** Parsed specs by their YAML text; specs change rarely, and parsing YAML per request is slow. */
  private final Map<String, io.sivistream.core.spec.ModelSpec> parsed = new ConcurrentHashMap<>();

  Outcome predict(PosteriorView view, String modelId, double[] x) {
    Optional<ModelSpec> spec = view.spec(modelId);
    Optional<PosteriorDraws> draws = view.draws(modelId);
    if (spec.isEmpty()) {
      String known = String.join(", ", view.modelIds());
      return Outcome.failed(Kind.UNKNOWN_MODEL, modelId, null, null, "unknown model '" + modelId
          + "'" + (draws.isPresent() ? " (it has draws but no spec on the models topic)" : "")
          + "; known: " + (known.isEmpty() ? "none yet" : known));
    }
    String kind = spec.get().getModel();
    if (!PosteriorPredictive.MODELS.contains(kind)) {
      return Outcome.failed(Kind.BAD_REQUEST, modelId, kind, null, "model '" + modelId + "' is a "
          + kind + ", which has no posterior predictive over features; predictions are for "
          + String.join(", ", PosteriorPredictive.MODELS));
    }
    if (draws.isEmpty() || draws.get().getDraws().isEmpty()) {
      return Outcome.failed(Kind.NOT_READY, modelId, kind, null, "model '" + modelId
          + "' has no posterior draws yet; the first arrive after its first window");
    }
    PosteriorDraws d = draws.get();
    List<String> names = d.getParameterNames();
    if (x == null || x.length != names.size()) {
      return Outcome.failed(Kind.BAD_REQUEST, modelId, kind, d.getVersion(), "model '" + modelId
          + "' expects " + names.size() + " features " + names + ", got "
          + (x == null ? "none" : x.length));
    }
    double noiseSd;
    try {
      noiseSd = parse(spec.get()).noise().sd();
    } catch (SpecException | IllegalArgumentException e) {
      return Outcome.failed(Kind.NOT_READY, modelId, kind, d.getVersion(), "the spec of model '"
          + modelId + "' does not parse: " + e.getMessage());
    }
    try {
      PredictiveSummary s = PosteriorPredictive.summarise(kind, matrix(d), x, noiseSd);
      return new Outcome(Kind.OK, modelId, kind, d.getVersion(), List.copyOf(names), s, null);
    } catch (IllegalArgumentException e) {
      return Outcome.failed(Kind.BAD_REQUEST, modelId, kind, d.getVersion(), "cannot predict with"
          + " model '" + modelId + "': " + e.getMessage());
    }
  }

  private io.sivistream.core.spec.ModelSpec parse(ModelSpec spec) {
    if (parsed.size() > 1000) {
      parsed.clear();
    }
    return parsed.computeIfAbsent(spec.getSpecYaml(),
        yaml -> io.sivistream.core.spec.ModelSpec.parse(yaml, "spec of " + spec.getModelId()));
  }

  static double[][] matrix(PosteriorDraws d) {
    double[][] m = new double[d.getDraws().size()][];
    for (int i = 0; i < m.length; i++) {
      List<Double> row = d.getDraws().get(i);
      m[i] = new double[row.size()];
      for (int j = 0; j < m[i].length; j++) {
        m[i][j] = row.get(j);
      }
    }
    return m;
  }
}
