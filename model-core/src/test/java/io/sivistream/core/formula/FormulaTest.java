package io.sivistream.core.formula;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FormulaTest {

  private static List<String> names(Formula f) {
    return f.terms().stream().map(Term::name).toList();
  }

  @Test
  void mainEffectsAndDefaultCentredIntercept() {
    Formula f = Formula.parse("y ~ x1 + x2");
    assertThat(f.response()).isEqualTo("y");
    assertThat(f.intercept()).isEqualTo(Formula.Intercept.CENTRED);
    assertThat(names(f)).containsExactly("x1", "x2");
    assertThat(Formula.parse("y ~ 1 + x1").intercept()).isEqualTo(Formula.Intercept.CENTRED);
    assertThat(Formula.parse("y ~ 1").terms()).isEmpty();
  }

  @Test
  void zeroRemovesTheInterceptAndZeroPlusInterceptMakesItACoefficient() {
    assertThat(Formula.parse("y ~ 0 + x").intercept()).isEqualTo(Formula.Intercept.NONE);
    Formula f = Formula.parse("y ~ 0 + Intercept + x");
    assertThat(f.intercept()).isEqualTo(Formula.Intercept.COEFFICIENT);
    assertThat(names(f)).containsExactly("x");
  }

  @Test
  void interactionsAndStarExpansion() {
    assertThat(names(Formula.parse("y ~ x1 + x2 + x1:x2"))).containsExactly("x1", "x2", "x1:x2");
    assertThat(names(Formula.parse("y ~ x1 * x2"))).containsExactly("x1", "x2", "x1:x2");
    assertThat(names(Formula.parse("y ~ a * b * c")))
        .containsExactly("a", "b", "a:b", "c", "a:c", "b:c", "a:b:c");
    // b:a is a:b, and a term written twice counts once, as in R
    assertThat(names(Formula.parse("y ~ a + b + b:a + a"))).containsExactly("a", "b", "b:a");
    assertThat(names(Formula.parse("y ~ a:b:a"))).containsExactly("a:b");
  }

  @Test
  void groupTerms() {
    Formula f = Formula.parse("y ~ x + (1 | store) + (1 + x || region)");
    assertThat(f.groups()).containsExactly(new GroupTerm("store", true, List.of()),
        new GroupTerm("region", true, List.of(new Term(List.of("x")))));
    assertThat(f.groups().get(1).effects()).containsExactly("Intercept", "x");
    assertThat(Formula.parse("y ~ (0 + x || g)").groups().get(0).effects()).containsExactly("x");
    // a slope alone implies the intercept, as in R
    assertThat(Formula.parse("y ~ (x || g)").groups().get(0).effects()).containsExactly("Intercept", "x");
  }

  @Test
  void offsetsAndResponseAdditions() {
    Formula f = Formula.parse("count ~ x + offset(log_exposure)");
    assertThat(f.offsets()).containsExactly("log_exposure");
    assertThat(names(f)).containsExactly("x");
    Formula s = Formula.parse("y | se(sigma) ~ 1 + (1 | school)");
    assertThat(s.se()).isEqualTo("sigma");
    assertThat(s.trials()).isNull();
    assertThat(Formula.parse("k | trials(n) ~ x").trials()).isEqualTo("n");
    assertThat(Formula.parse("`my y` ~ `x 1`").terms().get(0).name()).isEqualTo("x 1");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = ';', value = {
      "y ~ (1 + x | g); (1 + x || g) for uncorrelated",
      "y ~ I(x^2); unknown function 'I(...)'",
      "y ~ log(x); unknown function 'log(...)'",
      "y ~ x - 1; '-' (removing a term) is not supported",
      "y ~ x + ; ends early",
      "y x; expected '~'",
      "y | weights(w) ~ x; unknown response addition 'weights(w)'",
      "y ~ x + Intercept; needs '0 +' before it",
      "y ~ 0; no predictor and no intercept",
      "y ~ x:(1 | g); cannot combine a group term",
      "y ~ (1 | g/h); nested or crossed",
      "y ~ 2 + x; only 0 and 1",
      "y ~ y + x; uses the response column",
      "y ~ x $ z; unexpected character '$'",
      "y ~ (1 + x:z || g); only 1, 0 and single columns"})
  void unsupportedConstructsAreErrorsNamingTheTerm(String formula, String expected) {
    assertThatThrownBy(() -> Formula.parse(formula)).isInstanceOf(FormulaException.class).hasMessageContaining(expected);
  }

  @Test
  void emptyFormulaIsAnError() {
    assertThatThrownBy(() -> Formula.parse(" ")).isInstanceOf(FormulaException.class).hasMessageContaining("empty");
  }
}
