package io.sivistream.core.formula;

import io.sivistream.core.data.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A formula applied to a table: the population-level design matrix with brms' column names, the
 * response, its additions, the offset and the group-level effects.
 *
 * <p>Numeric columns enter as they are. A column with any cell that is not a number is
 * categorical: its levels are those given in the spec ({@code levels: {store: [A, B, C]}}) or its
 * distinct values sorted (R's default; numerically when every value is a number, else in Unicode
 * order, which is R's C locale), and it becomes dummy columns named column + level
 * ({@code storeB}), the first level the reference. Without an intercept the first categorical
 * main effect gets a column for every level, as in R. Interactions are products of columns.
 *
 * <p>With brms' default intercept ({@link Formula.Intercept#CENTRED}) the model is fitted on the
 * centred columns x_j − mean_j; {@link #means} holds the means, so that b_Intercept = Intercept −
 * Σ_j mean_j b_j on the data's scale.
 *
 * <pre>{@code
 * Design d = Design.build(Formula.parse("y ~ x * store + (1 | region)"), Table.read(csv), Map.of());
 * d.columns(); // [x, storeB, storeC, x:storeB, x:storeC]
 * }</pre>
 *
 * @param formula the formula
 * @param table the rows
 * @param columns the population-level coefficients' names without {@code b_}, in order; with
 *     {@link Formula.Intercept#COEFFICIENT} the first is {@code Intercept}
 * @param x the design matrix on the data's scale, row-major, rows × columns.size()
 * @param means per column, the mean the model centres it by (all 0 unless the intercept is centred)
 * @param y the response
 * @param se per row, the known measurement sd of {@code y | se(s)}, or null
 * @param trials per row, the binomial trials of {@code y | trials(n)}, or null
 * @param offset per row, the sum of the offset columns (0 without offsets)
 * @param groupEffects the varying effects, group term by group term, intercept before slopes
 */
public record Design(Formula formula, Table table, List<String> columns, double[] x, double[] means, double[] y,
    double[] se, double[] trials, double[] offset, List<GroupEffect> groupEffects) {

  public Design {
    columns = List.copyOf(columns);
    groupEffects = List.copyOf(groupEffects);
  }

  public int rows() {
    return y.length;
  }

  /** Number of population-level columns. */
  public int width() {
    return columns.size();
  }

  /** x_ij, on the data's scale. */
  public double x(int row, int column) {
    return x[row * columns.size() + column];
  }

  /**
   * Builds the design.
   *
   * @param levels per categorical or grouping column, its levels in order (the first is the
   *     reference); a column not listed takes its sorted distinct values
   * @throws FormulaException when the formula names a column the table lacks, a level is not in
   *     the spec's list, a slope is categorical, or the design has two identical columns
   * @throws io.sivistream.core.data.DataException naming file, line and column for a bad cell
   */
  public static Design build(Formula formula, Table table, Map<String, List<String>> levels) {
    return new Builder(formula, table, levels == null ? Map.of() : levels).build();
  }

  /** The state of one {@link #build} call. */
  private static final class Builder {
    private final Formula f;
    private final Table t;
    private final Map<String, List<String>> givenLevels;
    private final Map<String, Factor> factors = new HashMap<>();

    /** A categorical column: its levels and each row's level index. */
    private record Factor(List<String> levels, int[] index) {}

    /** Columns of one term while they are built: names and values (column-major). */
    private record Block(List<String> names, List<double[]> values) {}

    Builder(Formula f, Table t, Map<String, List<String>> levels) {
      this.f = f;
      this.t = t;
      this.givenLevels = levels;
    }

    Design build() {
      for (String column : givenLevels.keySet()) {
        if (!t.has(column)) {
          throw new FormulaException("levels." + column + ": " + t.source() + " has no column '" + column + "'; its columns are "
              + String.join(", ", t.names()));
        }
      }
      requireColumn(f.response(), "the response");
      double[] y = t.numbers(f.response());
      double[] se = f.se() == null ? null : positive(requireColumn(f.se(), "se(...)"), "se(...)");
      double[] trials = f.trials() == null ? null : t.numbers(requireColumn(f.trials(), "trials(...)"));
      double[] offset = new double[t.rows()];
      for (String o : f.offsets()) {
        double[] v = t.numbers(requireColumn(o, "offset(...)"));
        for (int i = 0; i < v.length; i++) {
          offset[i] += v[i];
        }
      }
      List<String> names = new ArrayList<>();
      List<double[]> values = new ArrayList<>();
      if (f.intercept() == Formula.Intercept.COEFFICIENT) {
        names.add("Intercept");
        double[] ones = new double[t.rows()];
        Arrays.fill(ones, 1.0);
        values.add(ones);
      }
      boolean fullCodingLeft = !f.hasIntercept();
      for (Term term : f.terms()) {
        boolean full = false;
        if (fullCodingLeft && term.variables().size() == 1 && isCategorical(term.variables().get(0))) {
          full = true;
          fullCodingLeft = false;
        }
        Block b = block(term, full);
        names.addAll(b.names());
        values.addAll(b.values());
      }
      checkDistinct(names);
      int p = names.size();
      int n = t.rows();
      double[] x = new double[n * p];
      double[] means = new double[p];
      for (int j = 0; j < p; j++) {
        double[] col = values.get(j);
        double s = 0;
        for (int i = 0; i < n; i++) {
          x[i * p + j] = col[i];
          s += col[i];
        }
        if (f.intercept() == Formula.Intercept.CENTRED) {
          means[j] = s / n;
        }
      }
      return new Design(f, t, names, x, means, y, se, trials, offset, groupEffects());
    }

    private List<GroupEffect> groupEffects() {
      List<GroupEffect> out = new ArrayList<>();
      List<String> seen = new ArrayList<>();
      for (GroupTerm g : f.groups()) {
        requireColumn(g.group(), "the grouping column of (... | " + g.group() + ")");
        Factor factor = factor(g.group());
        if (g.intercept()) {
          String key = g.group() + "__Intercept";
          requireNew(seen, key, g.group(), "Intercept");
          double[] ones = new double[t.rows()];
          Arrays.fill(ones, 1.0);
          out.add(new GroupEffect(g.group(), "Intercept", factor.levels(), factor.index(), ones));
        }
        for (Term s : g.slopes()) {
          String col = s.variables().get(0);
          requireColumn(col, "the varying slope " + col + " of (... | " + g.group() + ")");
          if (isCategorical(col)) {
            throw new FormulaException("varying slope '" + col + "' in (... || " + g.group() + ") is a categorical column;"
                + " only numeric slopes may vary by group so far");
          }
          requireNew(seen, g.group() + "__" + col, g.group(), col);
          out.add(new GroupEffect(g.group(), col, factor.levels(), factor.index(), t.numbers(col)));
        }
      }
      return out;
    }

    private static void requireNew(List<String> seen, String key, String group, String effect) {
      if (seen.contains(key)) {
        throw new FormulaException("the effect " + effect + " varies by " + group + " twice; write each group term once");
      }
      seen.add(key);
    }

    /** The columns of one term: a product over its variables of their (dummy) columns. */
    private Block block(Term term, boolean fullCoding) {
      List<String> names = List.of("");
      List<double[]> values = new ArrayList<>();
      double[] ones = new double[t.rows()];
      Arrays.fill(ones, 1.0);
      values.add(ones);
      for (String v : term.variables()) {
        requireColumn(v, "term '" + term.name() + "'");
        Block factorBlock = variableColumns(v, fullCoding);
        List<String> nn = new ArrayList<>();
        List<double[]> vv = new ArrayList<>();
        for (int a = 0; a < names.size(); a++) {
          for (int b = 0; b < factorBlock.names().size(); b++) {
            nn.add(names.get(a).isEmpty() ? factorBlock.names().get(b) : names.get(a) + ":" + factorBlock.names().get(b));
            double[] prod = new double[t.rows()];
            double[] l = values.get(a);
            double[] r = factorBlock.values().get(b);
            for (int i = 0; i < prod.length; i++) {
              prod[i] = l[i] * r[i];
            }
            vv.add(prod);
          }
        }
        names = nn;
        values = vv;
      }
      return new Block(names, values);
    }

    private Block variableColumns(String v, boolean fullCoding) {
      if (!isCategorical(v)) {
        return new Block(List.of(v), List.of(t.numbers(v)));
      }
      Factor factor = factor(v);
      List<String> names = new ArrayList<>();
      List<double[]> values = new ArrayList<>();
      for (int l = fullCoding ? 0 : 1; l < factor.levels().size(); l++) {
        names.add(v + factor.levels().get(l));
        double[] d = new double[t.rows()];
        for (int i = 0; i < d.length; i++) {
          d[i] = factor.index()[i] == l ? 1.0 : 0.0;
        }
        values.add(d);
      }
      if (names.isEmpty()) {
        throw new FormulaException("categorical column '" + v + "' has a single level " + factor.levels()
            + "; it cannot be a predictor");
      }
      return new Block(names, values);
    }

    private boolean isCategorical(String column) {
      return givenLevels.containsKey(column) || !t.isNumeric(column);
    }

    private Factor factor(String column) {
      return factors.computeIfAbsent(column, this::makeFactor);
    }

    private Factor makeFactor(String column) {
      String[] cells = t.cells(column);
      List<String> levels;
      if (givenLevels.containsKey(column)) {
        levels = List.copyOf(givenLevels.get(column));
        if (new TreeSet<>(levels).size() != levels.size()) {
          throw new FormulaException("levels." + column + " lists a level twice: " + levels);
        }
      } else if (t.isNumeric(column)) {
        levels = Arrays.stream(cells).distinct().sorted((a, b) -> Double.compare(Double.parseDouble(a), Double.parseDouble(b)))
            .toList();
      } else {
        levels = List.copyOf(new TreeSet<>(Arrays.asList(cells)));
      }
      Map<String, Integer> at = new LinkedHashMap<>();
      for (int l = 0; l < levels.size(); l++) {
        at.put(levels.get(l), l);
      }
      int[] index = new int[cells.length];
      for (int i = 0; i < cells.length; i++) {
        Integer l = at.get(cells[i]);
        if (l == null) {
          throw t.error(i, column, "level '" + cells[i] + "' is not among the levels " + levels
              + " given in the spec; add it to levels." + column);
        }
        index[i] = l;
      }
      return new Factor(levels, index);
    }

    private String requireColumn(String column, String what) {
      if (!t.has(column)) {
        throw new FormulaException("formula '" + f.text() + "': " + what + " names column '" + column + "', which "
            + t.source() + " does not have; its columns are " + String.join(", ", t.names()));
      }
      return column;
    }

    private double[] positive(String column, String what) {
      double[] v = t.numbers(column);
      for (int i = 0; i < v.length; i++) {
        if (!(v[i] > 0)) {
          throw t.error(i, column, what + " must be > 0, got " + v[i]);
        }
      }
      return v;
    }

    private void checkDistinct(List<String> names) {
      Map<String, Integer> seen = new HashMap<>();
      for (int j = 0; j < names.size(); j++) {
        Integer before = seen.put(names.get(j), j);
        if (before != null) {
          throw new FormulaException("formula '" + f.text() + "' makes the column '" + names.get(j) + "' twice");
        }
      }
    }
  }
}
