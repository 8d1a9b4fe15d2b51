package io.sivistream.core.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.sivistream.core.critic.CriticConfig;
import io.sivistream.core.family.FamilyConfig;
import io.sivistream.core.nn.Activation;
import io.sivistream.core.train.FamilyGradient;
import io.sivistream.core.train.TrainConfig;
import java.util.List;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * YAML to {@link ModelSpec}. Reads a generic tree and walks it block by block rather than binding
 * records directly, so that every mistake gets a message with the key path and the valid keys.
 */
final class SpecReader {

  static final List<String> TOP_KEYS =
      List.of("model", "label", "features", "prior", "noise", "formula", "likelihood", "priors", "levels", "family", "critic",
          "train", "stream");
  /** The keys of a named model, which a formula replaces. */
  static final List<String> NAMED_MODEL_KEYS = List.of("model", "label", "features", "prior", "noise");
  /** The keys that only go with a formula. */
  static final List<String> FORMULA_KEYS = List.of("likelihood", "priors", "levels");
  static final List<String> PRIOR_KEYS = List.of("sd", "sds");
  static final List<String> NOISE_KEYS = List.of("sd");
  static final List<String> FAMILY_KEYS = List.of("latentDim", "hidden", "conditionalSigma", "initialSigma", "activation");
  static final List<String> CRITIC_KEYS = List.of("hidden", "activation");
  static final List<String> TRAIN_KEYS = List.of("iterations", "batch", "dataBatch", "seed", "familyLr", "criticLr",
      "lrDecayEvery", "lrDecayFactor", "scoreShift", "scoreShiftIterations", "annealIterations", "timeBudgetSeconds", "gaussianBaseline",
      "familyGradient");
  static final List<String> STREAM_KEYS = List.of("mode", "forgetting", "windowRows", "windowSeconds",
      "iterationsPerWindow", "slidingWindows", "prior", "retainRowsPerParameter");

  private static final YAMLMapper MAPPER =
      YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private final String source;

  SpecReader(String source) {
    this.source = source == null ? "spec" : source;
  }

  ModelSpec read(String yaml) {
    JsonNode root;
    try {
      root = MAPPER.readTree(yaml);
    } catch (JsonProcessingException e) {
      throw syntaxError(e);
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      throw new SpecException(source + ": the spec is empty; it needs at least a model, e.g. 'model: banana'");
    }
    YamlBlock top = new YamlBlock(source, "", root).checkKeys(TOP_KEYS);
    FormulaSpec formula = null;
    if (top.has("formula")) {
      for (String k : NAMED_MODEL_KEYS) {
        if (top.has(k)) {
          throw top.error("'" + k + "' does not go with 'formula': the formula names the response and the predictors"
              + " (y ~ x1 + x2), 'likelihood' the distribution and 'priors' the priors; leave out '" + k + "'");
        }
      }
    } else {
      for (String k : FORMULA_KEYS) {
        if (top.has(k)) {
          throw top.error("'" + k + "' goes with 'formula', which this spec lacks; add e.g. 'formula: y ~ x1 + x2'"
              + " or leave out '" + k + "'");
        }
      }
      if (!top.has("model")) {
        throw top.error("missing key 'model' (the model to fit, e.g. 'model: logistic-regression'), or 'formula'"
            + " (e.g. 'formula: y ~ x1 + x2')");
      }
    }
    try {
      if (top.has("formula")) {
        formula = new FormulaSpec(top.string("formula", null), top.string("likelihood", null),
            top.stringMap("priors", "{b: \"normal(0, 2.5)\"}"), top.stringListMap("levels", "{store: [A, B, C]}"));
      }
      return new ModelSpec(
          top.string("model", null),
          top.string("label", null),
          top.stringList("features", null),
          prior(top.block("prior").checkKeys(PRIOR_KEYS)),
          new NoiseSpec(top.block("noise").checkKeys(NOISE_KEYS).number("sd", NoiseSpec.DEFAULT.sd())),
          family(top.block("family").checkKeys(FAMILY_KEYS)),
          critic(top.block("critic").checkKeys(CRITIC_KEYS)),
          train(top.block("train").checkKeys(TRAIN_KEYS)),
          stream(top.block("stream").checkKeys(STREAM_KEYS)),
          formula);
    } catch (IllegalArgumentException e) {
      // the config records validate themselves; their messages already name the key
      throw new SpecException(source + ": " + e.getMessage(), e);
    }
  }

  private static PriorSpec prior(YamlBlock b) {
    if (b.has("sd") && b.has("sds")) {
      throw b.error("prior: give either sd (one for all parameters) or sds (one per parameter), not both");
    }
    PriorSpec d = PriorSpec.DEFAULT;
    return new PriorSpec(b.number("sd", d.sd()), b.doubleList("sds", d.sds()));
  }

  private static FamilyConfig family(YamlBlock b) {
    FamilyConfig d = FamilyConfig.DEFAULT;
    return new FamilyConfig(b.integer("latentDim", d.latentDim()), b.intList("hidden", d.hidden()),
        b.bool("conditionalSigma", d.conditionalSigma()), b.number("initialSigma", d.initialSigma()),
        Activation.parse(b.string("activation", d.activation().name()), "family.activation"));
  }

  private static CriticConfig critic(YamlBlock b) {
    CriticConfig d = CriticConfig.DEFAULT;
    return new CriticConfig(b.intList("hidden", d.hidden()),
        Activation.parse(b.string("activation", d.activation().name()), "critic.activation"));
  }

  private static TrainConfig train(YamlBlock b) {
    TrainConfig d = TrainConfig.DEFAULT;
    return new TrainConfig(
        b.integer("iterations", d.iterations()),
        b.integer("batch", d.batch()),
        b.integer("dataBatch", d.dataBatch()),
        b.longInteger("seed", d.seed()),
        b.number("familyLr", d.familyLr()),
        b.number("criticLr", d.criticLr()),
        b.integer("lrDecayEvery", d.lrDecayEvery()),
        b.number("lrDecayFactor", d.lrDecayFactor()),
        b.number("scoreShift", d.scoreShift()),
        b.integer("scoreShiftIterations", d.scoreShiftIterations()),
        b.integer("annealIterations", d.annealIterations()),
        b.number("timeBudgetSeconds", d.timeBudgetSeconds()),
        b.bool("gaussianBaseline", d.gaussianBaseline()),
        FamilyGradient.parse(b.string("familyGradient", d.familyGradient().yamlName())));
  }

  private static StreamSpec stream(YamlBlock b) {
    StreamSpec d = StreamSpec.DEFAULT;
    return new StreamSpec(
        StreamSpec.Mode.parse(b.string("mode", d.mode().yamlName())),
        b.number("forgetting", d.forgetting()),
        b.integer("windowRows", d.windowRows()),
        b.number("windowSeconds", d.windowSeconds()),
        b.integer("iterationsPerWindow", d.iterationsPerWindow()),
        b.integer("slidingWindows", d.slidingWindows()),
        StreamSpec.PriorKind.parse(b.string("prior", d.prior().yamlName())),
        b.integer("retainRowsPerParameter", d.retainRowsPerParameter()));
  }

  private SpecException syntaxError(JsonProcessingException e) {
    // SnakeYAML knows the problem and where it is; Jackson's own message starts with the context
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof MarkedYAMLException m && m.getProblem() != null) {
        String where = m.getProblemMark() != null ? source + " line " + (m.getProblemMark().getLine() + 1) : source;
        String context = m.getContext() == null ? "" : " (" + m.getContext() + ")";
        return new SpecException(where + ": not valid YAML: " + firstLine(m.getProblem()) + context, e);
      }
    }
    JsonLocation at = e.getLocation();
    String where = at != null && at.getLineNr() > 0 ? source + " line " + at.getLineNr() : source;
    String what = e.getOriginalMessage() == null ? "syntax error" : firstLine(e.getOriginalMessage());
    return new SpecException(where + ": not valid YAML: " + what, e);
  }

  private static String firstLine(String s) {
    String t = s.strip();
    int nl = t.indexOf('\n');
    return (nl >= 0 ? t.substring(0, nl) : t).strip();
  }
}
