package io.sivistream.core.data;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CSV files in and out: regression data sets (header row, one numeric column per feature and a
 * label column) and posterior draw files (header of parameter names, one draw per row).
 *
 * <p>Usage: {@code Dataset d = CsvDatasets.read(Path.of("waveform_train.csv"), "y", null);}
 *
 * <p>Every problem is a {@link DataException} whose message names the file and, for a cell, the
 * 1-based line number and the column, e.g. {@code "waveform.csv line 17, column x3: 'abc' is not a number"}.
 * Only the label and feature columns must be numeric; other columns (ids, timestamps) are ignored.
 */
public final class CsvDatasets {

  private CsvDatasets() {}

  /**
   * Reads a data set.
   *
   * @param file CSV file with a header row
   * @param label name of the label column
   * @param features feature columns in the order of the parameters, or null for every column but the label
   *     in file order
   * @return the rows; featureNames are the feature column names, source is {@code file.toString()}
   * @throws DataException when the file is missing, empty, misses a named column, or holds a cell that is
   *     not a finite number or a row of the wrong width
   */
  public static Dataset read(Path file, String label, List<String> features) {
    if (label == null || label.isBlank()) {
      throw new IllegalArgumentException("label must name the label column, got '" + label + "'");
    }
    try (CsvTable table = CsvTable.open(file)) {
      List<String> header = table.header();
      int labelCol = header.indexOf(label);
      if (labelCol < 0) {
        throw new DataException(file + ": no label column '" + label + "'; columns are: " + String.join(", ", header));
      }
      List<String> names = features != null ? List.copyOf(features) : without(header, label);
      int[] featureCols = featureColumns(file, header, names, label);
      List<double[]> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      List<String> cells;
      while ((cells = table.next()) != null) {
        double[] x = new double[featureCols.length];
        for (int j = 0; j < x.length; j++) {
          x[j] = table.number(featureCols[j], cells.get(featureCols[j]));
        }
        ys.add(table.number(labelCol, cells.get(labelCol)));
        xs.add(x);
      }
      if (xs.isEmpty()) {
        throw new DataException(file + ": no data rows after the header");
      }
      double[] y = ys.stream().mapToDouble(Double::doubleValue).toArray();
      return new Dataset(names, xs.toArray(new double[0][]), y, file.toString());
    }
  }

  private static int[] featureColumns(Path file, List<String> header, List<String> names, String label) {
    if (names.isEmpty()) {
      throw new DataException(file + ": no feature columns; the only column is the label '" + label + "'");
    }
    int[] idx = new int[names.size()];
    for (int j = 0; j < idx.length; j++) {
      String f = names.get(j);
      if (names.indexOf(f) != j) {
        throw new DataException(file + ": feature column '" + f + "' is listed twice");
      }
      if (f.equals(label)) {
        throw new DataException(file + ": '" + f + "' is the label column and cannot also be a feature");
      }
      idx[j] = header.indexOf(f);
      if (idx[j] < 0) {
        throw new DataException(file + ": no feature column '" + f + "'; columns are: " + String.join(", ", header));
      }
    }
    return idx;
  }

  /**
   * Writes draws as CSV: a header of parameter names, then one draw per row, each value written with
   * {@link Double#toString} so that {@link #readDraws} gives back the same doubles. Missing parent
   * directories are created.
   *
   * @param draws shape [n][names.size()]
   * @throws DataException when the file cannot be written
   */
  public static void writeDraws(Path file, List<String> names, double[][] draws) {
    Draws checked = new Draws(names, draws);
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < checked.names().size(); j++) {
          sb.append(j == 0 ? "" : ",").append(quote(checked.names().get(j)));
        }
        out.write(sb.append('\n').toString());
        for (double[] row : draws) {
          sb.setLength(0);
          for (int j = 0; j < row.length; j++) {
            sb.append(j == 0 ? "" : ",").append(row[j]);
          }
          out.write(sb.append('\n').toString());
        }
      }
    } catch (IOException e) {
      throw new DataException(file + ": cannot write: " + e.getMessage(), e);
    }
  }

  /**
   * Reads a draws file written by {@link #writeDraws} (or any CSV of numbers with a header).
   *
   * @throws DataException on a missing or empty file, a non-finite or non-numeric cell, or a ragged row
   */
  public static Draws readDraws(Path file) {
    try (CsvTable table = CsvTable.open(file)) {
      List<double[]> rows = new ArrayList<>();
      List<String> cells;
      while ((cells = table.next()) != null) {
        double[] row = new double[cells.size()];
        for (int j = 0; j < row.length; j++) {
          row[j] = table.number(j, cells.get(j));
        }
        rows.add(row);
      }
      return new Draws(table.header(), rows.toArray(new double[0][]));
    }
  }

  private static List<String> without(List<String> header, String label) {
    List<String> out = new ArrayList<>(header);
    out.remove(label);
    return out;
  }

  private static String quote(String name) {
    if (name.contains(",") || name.contains("\"") || !name.equals(name.strip())) {
      return '"' + name.replace("\"", "\"\"") + '"';
    }
    return name;
  }

}
