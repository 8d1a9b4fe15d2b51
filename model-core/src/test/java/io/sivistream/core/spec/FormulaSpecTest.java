package io.sivistream.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormulaSpecTest {

  private static ModelSpec parse(String yaml) {
    return ModelSpec.parse(yaml, "spec.yaml");
  }

  @Test
  void readsFormulaLikelihoodPriorsAndLevels() {
    ModelSpec s = parse("""
        formula: "y ~ 1 + x1 + (1 | store)"
        likelihood: negbinomial
        priors:
          b: "normal(0, 2.5)"
          sd: cauchy(0, 2.5)
          b_x1: normal(1, 0.5)
        levels: {store: [B, A, 3]}
        train: {seed: 4}
        """);
    assertThat(s.model()).isEqualTo(ModelSpec.FORMULA_MODEL);
    FormulaSpec f = s.formula();
    assertThat(f.formula()).isEqualTo("y ~ 1 + x1 + (1 | store)");
    assertThat(f.likelihood()).isEqualTo("negative-binomial");
    assertThat(f.priors()).containsExactly(Map.entry("b", "normal(0, 2.5)"), Map.entry("sd", "cauchy(0, 2.5)"),
        Map.entry("b_x1", "normal(1, 0.5)"));
    assertThat(f.levels()).containsEntry("store", List.of("B", "A", "3"));
    assertThat(s.train().seed()).isEqualTo(4);
    assertThat(parse(s.toYaml())).isEqualTo(s);
    assertThat(parse("formula: y ~ x\n").formula().likelihood()).isEqualTo("gaussian");
  }

  @Test
  void mistakesAreOneLineNamingTheKey() {
    assertThatThrownBy(() -> parse("formula: y ~ x\nmodel: logistic-regression\n"))
        .hasMessageStartingWith("spec.yaml: 'model' does not go with 'formula'");
    assertThatThrownBy(() -> parse("formula: y ~ x\nprior: {sd: 1}\n"))
        .hasMessageStartingWith("spec.yaml: 'prior' does not go with 'formula'").hasMessageContaining("'priors'");
    assertThatThrownBy(() -> parse("model: logistic-regression\npriors: {b: flat}\n"))
        .hasMessageStartingWith("spec.yaml: 'priors' goes with 'formula'");
    assertThatThrownBy(() -> parse("formula: y ~ (1 + x | g)\n"))
        .hasMessage("spec.yaml: group term (1 + x | g): correlated varying slopes are not supported yet;"
            + " write (1 + x || g) for uncorrelated ones");
    assertThatThrownBy(() -> parse("formula: y ~ x\nlikelihood: gausian\n"))
        .hasMessage("spec.yaml: unknown likelihood 'gausian'; known: gaussian, student, bernoulli, binomial, poisson,"
            + " negative-binomial");
    assertThatThrownBy(() -> parse("formula: y ~ x\npriors: [normal]\n"))
        .hasMessageStartingWith("spec.yaml: priors must be a mapping");
  }

  @Test
  void linearRegressionWithoutNoiseSdIsAnErrorNotASilentOne() {
    assertThatThrownBy(() -> parse("model: linear-regression\nlabel: y\n"))
        .hasMessageStartingWith("spec.yaml: linear-regression needs noise.sd").hasMessageContaining("formula: y ~ x1 + x2");
    assertThat(parse("model: linear-regression\nlabel: y\nnoise: {sd: 0.5}\n").noise().sd()).isEqualTo(0.5);
    // the other models need none, and their resolved spec writes none
    assertThat(parse("model: logistic-regression\n").toYaml()).doesNotContain("noise");
  }
}
