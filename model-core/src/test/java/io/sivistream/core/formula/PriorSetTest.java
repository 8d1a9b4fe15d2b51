package io.sivistream.core.formula;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sivistream.core.data.Table;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PriorSetTest {

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "normal(0, 2.5); normal(0, 2.5)",
      " student_t(3,0,10) ; student_t(3, 0, 10)",
      "cauchy(0, 5); cauchy(0, 5)",
      "exponential(1); exponential(1)",
      "gamma(2, 0.1); gamma(2, 0.1)",
      "lognormal(0, 1.5); lognormal(0, 1.5)",
      "flat; flat"})
  void parsesStanNotation(String text, String printed) {
    assertThat(Density.parse(text, "b").toString()).isEqualTo(printed);
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "normal(0); normal takes 2 arguments, got 1",
      "normal(0, -1); must be > 0",
      "uniform(0, 1); unknown distribution 'uniform'",
      "normal(0, a); 'a' is not a number",
      "normal 0 1; is not a prior",
      "''; is not a prior"})
  void badPriorStringsNameTheKeyTheValueAndTheForms(String text, String why) {
    assertThatThrownBy(() -> Density.parse(text, "b_x1")).isInstanceOf(FormulaException.class)
        .hasMessageContaining("priors.b_x1: '" + text + "'").hasMessageContaining(why)
        .hasMessageContaining("allowed: normal(m, s), student_t(nu, m, s)");
  }

  @Test
  void densitiesAndTheirDerivatives() {
    double h = 1e-5;
    for (String s : List.of("normal(1, 2)", "student_t(3, 1, 2)", "cauchy(0, 5)", "exponential(2)", "gamma(2, 0.5)",
        "lognormal(0.3, 0.7)")) {
      Density d = Density.parse(s, "x");
      double v = 1.7;
      double fd1 = (d.logDensity(v + h) - d.logDensity(v - h)) / (2 * h);
      double fd2 = (d.derivative(v + h) - d.derivative(v - h)) / (2 * h);
      assertThat(d.derivative(v)).as(s).isCloseTo(fd1, within(1e-7));
      assertThat(d.secondDerivative(v)).as(s).isCloseTo(fd2, within(1e-7));
    }
    // closed forms up to a constant: normal(1, 2) at 3 vs at 1 differs by -(2/2)²/2
    Density n = Density.parse("normal(1, 2)", "x");
    assertThat(n.logDensity(3) - n.logDensity(1)).isCloseTo(-0.5, within(1e-15));
    Density g = Density.parse("gamma(2, 0.5)", "x");
    assertThat(g.logDensity(4) - g.logDensity(2)).isCloseTo(Math.log(2) - 1, within(1e-15));
  }

  /** y with median 10 and mad about 3.7 (larger than brms' smallest default scale 2.5), x, group g. */
  static Table table() {
    return Table.of("t.csv", List.of("y", "x", "g"), List.of(
        new String[] {"4", "8", "10", "12", "15", "9", "11"},
        new String[] {"1", "2", "3", "4", "5", "6", "7"},
        new String[] {"a", "a", "b", "b", "c", "c", "c"}));
  }

  @Test
  void brmsDefaults() {
    Design d = Design.build(Formula.parse("y ~ x + (1 | g)"), table(), Map.of());
    PriorSet p = PriorSet.resolve(Map.of(), d, Response.GAUSSIAN);
    // median 10; mad = 1.4826 * median(|y - 10|) = 1.4826 * 2 = 2.9652 -> 3
    assertThat(p.resolved()).containsEntry("b", Density.FLAT)
        .containsEntry("Intercept", Density.parse("student_t(3, 10, 3)", ""))
        .containsEntry("sigma", Density.parse("student_t(3, 0, 3)", ""))
        .containsEntry("sd_g__Intercept", Density.parse("student_t(3, 0, 3)", ""));
    PriorSet student = PriorSet.resolve(Map.of(), d, Response.STUDENT);
    assertThat(student.resolved()).containsEntry("nu", Density.parse("gamma(2, 0.1)", ""));
    PriorSet logit = PriorSet.resolve(Map.of(), Design.build(Formula.parse("y ~ x"), table(), Map.of()), Response.POISSON);
    // log link: median(log y) = log 10 = 2.3 (rounded), mad below 2.5
    assertThat(logit.intercept()).isEqualTo(Density.parse("student_t(3, 2.3, 2.5)", ""));
  }

  @Test
  void aCoefficientByNameWinsOverItsClass() {
    Design d = Design.build(Formula.parse("y ~ x + g"), table(), Map.of());
    PriorSet p = PriorSet.resolve(Map.of("b", "normal(0, 2.5)", "b_gb", "normal(1, 0.5)", "sigma", "exponential(1)"),
        d, Response.GAUSSIAN);
    assertThat(p.coefficients()).containsExactly(Density.parse("normal(0, 2.5)", ""), Density.parse("normal(1, 0.5)", ""),
        Density.parse("normal(0, 2.5)", ""));
    assertThat(p.auxiliary()).containsExactly(Density.parse("exponential(1)", ""));
  }

  @Test
  void keysTheModelDoesNotHaveAreErrors() {
    Design d = Design.build(Formula.parse("y ~ x"), table(), Map.of());
    assertThatThrownBy(() -> PriorSet.resolve(Map.of("b_z", "normal(0, 1)"), d, Response.GAUSSIAN))
        .hasMessageContaining("priors.b_z: no such class or parameter; this model's keys are b, Intercept, sigma, b_x");
    assertThatThrownBy(() -> PriorSet.resolve(Map.of("b_Intercept", "normal(0, 1)"), d, Response.GAUSSIAN))
        .hasMessageContaining("class Intercept");
    assertThatThrownBy(() -> PriorSet.resolve(Map.of("sigma", "normal(0, 1)"), d, Response.POISSON))
        .hasMessageContaining("priors.sigma");
    assertThatThrownBy(() -> PriorSet.resolve(Map.of("b", "exponential(1)"), d, Response.GAUSSIAN))
        .hasMessageContaining("priors.b: 'exponential(1)' lives on positive values only");
    Design raw = Design.build(Formula.parse("y ~ 0 + Intercept + x"), table(), Map.of());
    assertThatThrownBy(() -> PriorSet.resolve(Map.of("Intercept", "normal(0, 1)"), raw, Response.GAUSSIAN))
        .hasMessageContaining("give its prior as b_Intercept");
    assertThat(PriorSet.resolve(Map.of("b_Intercept", "normal(0, 1)"), raw, Response.GAUSSIAN).coefficients().get(0))
        .isEqualTo(Density.parse("normal(0, 1)", ""));
  }
}
