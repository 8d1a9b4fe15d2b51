package io.sivistream.app.serving;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Known true parameter values of synthetic models (the demo's), drawn on the dashboard next to
 * the posteriors; empty for real data.
 *
 * @param models true values per model id
 */
public record TrueValues(Map<String, Model> models) {

  /** No true values (real data). */
  public static final TrueValues NONE = new TrueValues(Map.of());

  public TrueValues {
    models = Map.copyOf(models);
  }

  /**
   * The true values of one model over event time.
   *
   * @param parameters parameter names
   * @param segments   values in force from an event time on, in order; the first starts at null
   *                   (always)
   */
  public record Model(List<String> parameters, List<Segment> segments) {
    public Model {
      parameters = List.copyOf(parameters);
      segments = List.copyOf(segments);
      for (Segment s : segments) {
        if (s.values().length != parameters.size()) {
          throw new IllegalArgumentException(parameters.size() + " parameters " + parameters
              + " but a segment has " + s.values().length + " values");
        }
      }
    }
  }

  /**
   * @param from   event time from which these values hold, or null for "from the start"
   * @param values one value per parameter
   */
  public record Segment(Instant from, double[] values) {
    public Segment {
      Objects.requireNonNull(values, "values");
      values = values.clone();
    }
  }
}
