package io.sivistream.core.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A CSV file as named columns of cells, for models whose columns are chosen by a formula: a
 * column is used as numbers or as category labels only once the formula says which, and every
 * error names the file, the line and the column.
 *
 * <p>Usage: {@code Table t = Table.read(Path.of("sales.csv")); double[] y = t.numbers("y");}
 */
public final class Table {

  private final String source;
  private final List<String> names;
  /** cells[column][row]. */
  private final String[][] cells;
  /** The 1-based file line of each row. */
  private final int[] lines;

  private Table(String source, List<String> names, String[][] cells, int[] lines) {
    this.source = source;
    this.names = List.copyOf(names);
    this.cells = cells;
    this.lines = lines;
  }

  /**
   * Reads the whole file.
   *
   * @throws DataException when it is missing, unreadable, empty, has a bad header or a row of the wrong width
   */
  public static Table read(Path file) {
    List<List<String>> rows = new ArrayList<>();
    List<Integer> lineNumbers = new ArrayList<>();
    List<String> header;
    try (CsvTable t = CsvTable.open(file)) {
      header = t.header();
      List<String> row;
      while ((row = t.next()) != null) {
        rows.add(row);
        lineNumbers.add(t.line());
      }
    }
    if (rows.isEmpty()) {
      throw new DataException(file + ": no data rows after the header");
    }
    String[][] cells = new String[header.size()][rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      for (int j = 0; j < header.size(); j++) {
        cells[j][i] = rows.get(i).get(j).strip();
      }
    }
    return new Table(file.toString(), header, cells, lineNumbers.stream().mapToInt(Integer::intValue).toArray());
  }

  /** A table from memory (tests, generated data); line numbers count from 2 as if under a header. */
  public static Table of(String source, List<String> names, List<String[]> columns) {
    if (names.size() != columns.size()) {
      throw new IllegalArgumentException(names.size() + " names but " + columns.size() + " columns");
    }
    int n = columns.isEmpty() ? 0 : columns.get(0).length;
    String[][] cells = new String[names.size()][];
    for (int j = 0; j < names.size(); j++) {
      if (columns.get(j).length != n) {
        throw new IllegalArgumentException("column " + names.get(j) + " has " + columns.get(j).length + " cells, expected " + n);
      }
      cells[j] = columns.get(j).clone();
    }
    int[] lines = new int[n];
    for (int i = 0; i < n; i++) {
      lines[i] = i + 2;
    }
    return new Table(source, names, cells, lines);
  }

  public String source() {
    return source;
  }

  public List<String> names() {
    return names;
  }

  public int rows() {
    return lines.length;
  }

  public boolean has(String column) {
    return names.contains(column);
  }

  /** The cells of a column as written (stripped of surrounding blanks). */
  public String[] cells(String column) {
    return cells[index(column)].clone();
  }

  /** Whether every cell of the column is a finite number (such a column is a numeric predictor). */
  public boolean isNumeric(String column) {
    for (String c : cells[index(column)]) {
      if (parse(c) == null) {
        return false;
      }
    }
    return true;
  }

  /**
   * The column as numbers.
   *
   * @throws DataException naming file, line and column at the first cell that is not a finite number
   */
  public double[] numbers(String column) {
    String[] col = cells[index(column)];
    double[] out = new double[col.length];
    for (int i = 0; i < col.length; i++) {
      Double v = parse(col[i]);
      if (v == null) {
        throw error(i, column, (col[i].isEmpty() ? "empty cell" : "'" + col[i] + "' is not a finite number")
            + ", expected a number");
      }
      out[i] = v;
    }
    return out;
  }

  /** A one-line error about one cell: "FILE line L, column C: what". */
  public DataException error(int row, String column, String what) {
    return new DataException(source + " line " + lines[row] + ", column " + column + ": " + what);
  }

  private int index(String column) {
    int j = names.indexOf(column);
    if (j < 0) {
      throw new DataException(source + ": no column '" + column + "'; the columns are " + String.join(", ", names));
    }
    return j;
  }

  private static Double parse(String cell) {
    if (cell.isEmpty()) {
      return null;
    }
    try {
      double v = Double.parseDouble(cell);
      return Double.isFinite(v) ? v : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s (%d rows, columns %s)", source, rows(), names);
  }
}
