package io.sivistream.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sivistream.core.data.DataException;
import io.sivistream.core.summary.DrawSummary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code --summary-out} JSON file: run facts, then one object per parameter and the correlation
 * matrix.
 *
 * <pre>{@code
 * {"command": "fit", "model": "banana", ..., "parameters": [{"name": "x1", "mean": 0.01, "sd": 1.0,
 *   "q05": -1.6, "q50": 0.0, "q95": 1.6}, ...], "correlation": [[1.0, 0.02], [0.02, 1.0]]}
 * }</pre>
 */
final class SummaryJson {

  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SummaryJson() {}

  /**
   * @param facts run facts written first, in order (command, model, draws, seconds, ...)
   * @param rhat per-parameter R-hat, or null (SIVI fits have none)
   * @param ess per-parameter effective sample size, or null
   */
  static void write(Path file, Map<String, Object> facts, DrawSummary s, double[] rhat, double[] ess) {
    Map<String, Object> root = new LinkedHashMap<>(facts);
    List<Map<String, Object>> params = new ArrayList<>();
    for (int j = 0; j < s.names().size(); j++) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("name", s.names().get(j));
      p.put("mean", s.mean()[j]);
      p.put("sd", s.sd()[j]);
      p.put("q05", s.q05()[j]);
      p.put("q50", s.q50()[j]);
      p.put("q95", s.q95()[j]);
      if (rhat != null) {
        p.put("rhat", rhat[j]);
      }
      if (ess != null) {
        p.put("ess", ess[j]);
      }
      params.add(p);
    }
    root.put("parameters", params);
    root.put("correlation", s.corr());
    try {
      MAPPER.writeValue(file.toFile(), root);
    } catch (IOException e) {
      throw new DataException(file + ": cannot write: " + e.getMessage(), e);
    }
  }
}
