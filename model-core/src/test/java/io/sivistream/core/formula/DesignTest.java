package io.sivistream.core.formula;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sivistream.core.data.DataException;
import io.sivistream.core.data.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DesignTest {

  /** y, x (numeric), store (A, B, C, as strings), g (numeric ids used as a grouping column). */
  static Table table() {
    return Table.of("t.csv", List.of("y", "x", "store", "g", "n"), List.of(
        new String[] {"1.0", "2.5", "0.5", "4", "3", "1"},
        new String[] {"1", "2", "3", "4", "5", "6"},
        new String[] {"B", "A", "C", "B", "A", "C"},
        new String[] {"10", "2", "10", "2", "1", "1"},
        new String[] {"5", "5", "5", "5", "5", "5"}));
  }

  @Test
  void numericColumnsCentredUnderTheDefaultIntercept() {
    Design d = Design.build(Formula.parse("y ~ x"), table(), Map.of());
    assertThat(d.columns()).containsExactly("x");
    assertThat(d.means()).containsExactly(3.5);
    assertThat(d.x(0, 0)).isEqualTo(1.0);
    Design raw = Design.build(Formula.parse("y ~ 0 + Intercept + x"), table(), Map.of());
    assertThat(raw.columns()).containsExactly("Intercept", "x");
    assertThat(raw.means()).containsExactly(0.0, 0.0);
  }

  @Test
  void stringColumnsBecomeDummiesWithTheFirstSortedLevelAsReference() {
    Design d = Design.build(Formula.parse("y ~ x * store"), table(), Map.of());
    assertThat(d.columns()).containsExactly("x", "storeB", "storeC", "x:storeB", "x:storeC");
    // row 0: x = 1, store B
    assertThat(new double[] {d.x(0, 0), d.x(0, 1), d.x(0, 2), d.x(0, 3), d.x(0, 4)}).containsExactly(1, 1, 0, 1, 0);
    // levels from the spec set the order and so the reference
    Design c = Design.build(Formula.parse("y ~ store"), table(), Map.of("store", List.of("C", "B", "A")));
    assertThat(c.columns()).containsExactly("storeB", "storeA");
    // without an intercept the first factor gets every level, as in R
    Design none = Design.build(Formula.parse("y ~ 0 + store + x"), table(), Map.of());
    assertThat(none.columns()).containsExactly("storeA", "storeB", "storeC", "x");
  }

  @Test
  void groupEffectsWithBrmsNames() {
    Design d = Design.build(Formula.parse("y ~ x + (1 + x || g)"), table(), Map.of());
    assertThat(d.groupEffects()).hasSize(2);
    GroupEffect intercept = d.groupEffects().get(0);
    // numeric ids sort as numbers, not as text
    assertThat(intercept.levels()).containsExactly("1", "2", "10");
    assertThat(intercept.level()).containsExactly(2, 1, 2, 1, 0, 0);
    assertThat(intercept.sdName()).isEqualTo("sd_g__Intercept");
    assertThat(intercept.effectName(2)).isEqualTo("r_g[10,Intercept]");
    GroupEffect slope = d.groupEffects().get(1);
    assertThat(slope.sdName()).isEqualTo("sd_g__x");
    assertThat(slope.weight()).containsExactly(1, 2, 3, 4, 5, 6);
  }

  @Test
  void offsetsAndAdditions() {
    Design d = Design.build(Formula.parse("y | trials(n) ~ x + offset(x) + offset(n)"), table(), Map.of());
    assertThat(d.offset()[0]).isEqualTo(6.0);
    assertThat(d.trials()[0]).isEqualTo(5.0);
    assertThat(Design.build(Formula.parse("y | se(n) ~ 1"), table(), Map.of()).se()[1]).isEqualTo(5.0);
  }

  @Test
  void mistakesNameTheColumnRowAndFix() {
    assertThatThrownBy(() -> Design.build(Formula.parse("y ~ z"), table(), Map.of()))
        .isInstanceOf(FormulaException.class).hasMessageContaining("names column 'z'").hasMessageContaining("y, x, store");
    assertThatThrownBy(() -> Design.build(Formula.parse("store ~ x"), table(), Map.of()))
        .isInstanceOf(DataException.class).hasMessage("t.csv line 2, column store: 'B' is not a finite number, expected a number");
    assertThatThrownBy(() -> Design.build(Formula.parse("y ~ (1 | store)"), table(), Map.of("store", List.of("A", "B"))))
        .isInstanceOf(DataException.class).hasMessageContaining("line 4, column store: level 'C' is not among the levels [A, B]")
        .hasMessageContaining("add it to levels.store");
    assertThatThrownBy(() -> Design.build(Formula.parse("y ~ (1 + store || g)"), table(), Map.of()))
        .isInstanceOf(FormulaException.class).hasMessageContaining("varying slope 'store'");
    assertThatThrownBy(() -> Design.build(Formula.parse("y ~ x"), table(), Map.of("shop", List.of("A"))))
        .isInstanceOf(FormulaException.class).hasMessageStartingWith("levels.shop: t.csv has no column 'shop'");
    Table zeroSe = Table.of("s.csv", List.of("y", "s"), List.of(new String[] {"1", "2"}, new String[] {"1", "0"}));
    assertThatThrownBy(() -> Design.build(Formula.parse("y | se(s) ~ 1"), zeroSe, Map.of()))
        .isInstanceOf(DataException.class).hasMessage("s.csv line 3, column s: se(...) must be > 0, got 0.0");
  }

  @Test
  void readsACsvFile(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("d.csv");
    Files.writeString(csv, "y,x,store\n1,2,A\n\n3,4,B\n");
    Table t = Table.read(csv);
    assertThat(t.rows()).isEqualTo(2);
    assertThat(t.isNumeric("x")).isTrue();
    assertThat(t.isNumeric("store")).isFalse();
    assertThatThrownBy(() -> t.numbers("store")).hasMessage(csv + " line 2, column store: 'A' is not a finite number, expected a number");
    // line numbers count blank lines
    assertThat(t.error(1, "x", "bad").getMessage()).startsWith(csv + " line 4, column x");
  }
}
