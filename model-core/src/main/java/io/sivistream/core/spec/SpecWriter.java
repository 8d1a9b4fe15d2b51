package io.sivistream.core.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.sivistream.core.family.FamilyConfig;
import io.sivistream.core.train.TrainConfig;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@link ModelSpec} to YAML, every field written out, in the order of the documentation. */
final class SpecWriter {

  private static final YAMLMapper MAPPER = YAMLMapper.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .build();

  private SpecWriter() {}

  static String write(ModelSpec s) {
    Map<String, Object> root = new LinkedHashMap<>();
    if (s.formula() != null) {
      FormulaSpec f = s.formula();
      root.put("formula", f.formula());
      root.put("likelihood", f.likelihood());
      if (!f.priors().isEmpty()) {
        root.put("priors", f.priors());
      }
      if (!f.levels().isEmpty()) {
        root.put("levels", f.levels());
      }
    } else {
      root.put("model", s.model());
      if (s.label() != null) {
        root.put("label", s.label());
      }
      if (s.features() != null) {
        root.put("features", s.features());
      }
      root.put("prior", s.prior().perParameter() ? Map.of("sds", s.prior().sds()) : Map.of("sd", s.prior().sd()));
      if (s.noise().given()) {
        root.put("noise", Map.of("sd", s.noise().sd()));
      }
    }
    FamilyConfig f = s.family();
    root.put("family", ordered("latentDim", f.latentDim(), "hidden", f.hidden(),
        "conditionalSigma", f.conditionalSigma(), "initialSigma", f.initialSigma(),
        "activation", f.activation().name().toLowerCase(java.util.Locale.ROOT)));
    root.put("critic", ordered("hidden", s.critic().hidden(),
        "activation", s.critic().activation().name().toLowerCase(java.util.Locale.ROOT)));
    TrainConfig t = s.train();
    root.put("train", ordered("iterations", t.iterations(), "batch", t.batch(), "dataBatch", t.dataBatch(),
        "seed", t.seed(), "familyLr", t.familyLr(), "criticLr", t.criticLr(), "lrDecayEvery", t.lrDecayEvery(),
        "lrDecayFactor", t.lrDecayFactor(), "scoreShift", t.scoreShift(),
        "scoreShiftIterations", t.scoreShiftIterations(), "annealIterations", t.annealIterations(),
        "timeBudgetSeconds", t.timeBudgetSeconds(), "gaussianBaseline", t.gaussianBaseline(),
        "familyGradient", t.familyGradient().yamlName()));
    StreamSpec st = s.stream();
    root.put("stream", ordered("mode", st.mode().yamlName(), "forgetting", st.forgetting(),
        "windowRows", st.windowRows(), "windowSeconds", st.windowSeconds(),
        "iterationsPerWindow", st.iterationsPerWindow(), "slidingWindows", st.slidingWindows(),
        "prior", st.prior().yamlName(), "retainRowsPerParameter", st.retainRowsPerParameter()));
    try {
      return MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e); // cannot happen for maps of plain values
    }
  }

  private static Map<String, Object> ordered(Object... keyValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put((String) keyValues[i], keyValues[i + 1]);
    }
    return m;
  }
}
