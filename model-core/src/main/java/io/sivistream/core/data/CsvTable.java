package io.sivistream.core.data;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Minimal CSV reader shared by {@link CsvDatasets}: a header row of unique column names, then rows
 * with exactly one cell per column. Cells may be double-quoted ("" escapes a quote); quoted cells
 * cannot span lines. Blank lines are skipped. Every error names the file and the 1-based line.
 *
 * <p>Usage: {@code try (CsvTable t = CsvTable.open(file)) { t.header(); while ((cells = t.next()) != null) ... }}
 */
final class CsvTable implements Closeable {

  private final Path file;
  private final BufferedReader in;
  private final List<String> header;
  private int line;

  private CsvTable(Path file, BufferedReader in) {
    this.file = file;
    this.in = in;
    List<String> first = nextCells();
    if (first == null) {
      throw new DataException(file + ": the file is empty; expected a header row of column names, then data rows");
    }
    this.header = checkHeader(first);
  }

  /**
   * Opens the file and reads its header.
   *
   * @throws DataException when the file is missing, unreadable, empty or has a bad header
   */
  static CsvTable open(Path file) {
    if (Files.isDirectory(file)) {
      throw new DataException(file + ": is a directory, not a CSV file");
    }
    BufferedReader in;
    try {
      in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new DataException(file + ": no such file", e);
    } catch (AccessDeniedException e) {
      throw new DataException(file + ": permission denied", e);
    } catch (IOException e) {
      throw new DataException(file + ": cannot open: " + e.getMessage(), e);
    }
    try {
      return new CsvTable(file, in);
    } catch (RuntimeException e) {
      closeQuietly(in);
      throw e;
    }
  }

  List<String> header() {
    return header;
  }

  /** 1-based line number of the row last returned by {@link #next}. */
  int line() {
    return line;
  }

  /** The cells of the next data row, or null at the end of the file; checks the row width. */
  List<String> next() {
    List<String> cells = nextCells();
    if (cells != null && cells.size() != header.size()) {
      throw new DataException(file + " line " + line + ": " + cells.size() + (cells.size() == 1 ? " cell" : " cells")
          + ", but the header has " + header.size() + " columns");
    }
    return cells;
  }

  /**
   * Parses one numeric cell of the current row.
   *
   * @throws DataException naming file, line and column when the cell is empty, not a number or not finite
   */
  double number(int column, String cell) {
    String where = file + " line " + line + ", column " + header.get(column) + ": ";
    if (cell.isEmpty()) {
      throw new DataException(where + "empty cell, expected a number");
    }
    double v;
    try {
      v = Double.parseDouble(cell);
    } catch (NumberFormatException e) {
      throw new DataException(where + "'" + cell + "' is not a number");
    }
    if (!Double.isFinite(v)) {
      throw new DataException(where + "'" + cell + "' is not a finite number (NaN and infinities are not allowed)");
    }
    return v;
  }

  @Override
  public void close() {
    closeQuietly(in);
  }

  private List<String> nextCells() {
    try {
      String text;
      while ((text = in.readLine()) != null) {
        line++;
        if (line == 1 && text.startsWith("\uFEFF")) {
          text = text.substring(1); // byte-order mark written by some spreadsheet programs
        }
        if (!text.isBlank()) {
          return split(text);
        }
      }
      return null;
    } catch (MalformedInputException e) {
      throw new DataException(file + " line " + (line + 1) + ": not UTF-8 text", e);
    } catch (IOException e) {
      throw new DataException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  private List<String> split(String text) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    int i = 0;
    int n = text.length();
    while (true) {
      while (i < n && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
        i++;
      }
      if (i < n && text.charAt(i) == '"') {
        i = quoted(text, i + 1, cell);
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        int end = text.indexOf(',', i);
        end = end < 0 ? n : end;
        cells.add(text.substring(i, end).strip());
        i = end;
      }
      if (i >= n) {
        return cells;
      }
      i++; // the comma
      if (i == n) {
        cells.add(""); // a trailing comma ends with an empty cell
        return cells;
      }
    }
  }

  /** Reads a quoted cell starting after its opening quote; returns the index of the comma or the end. */
  private int quoted(String text, int i, StringBuilder cell) {
    int n = text.length();
    while (true) {
      if (i >= n) {
        throw new DataException(file + " line " + line + ": a quoted cell is not closed (missing \")");
      }
      char c = text.charAt(i++);
      if (c != '"') {
        cell.append(c);
      } else if (i < n && text.charAt(i) == '"') {
        cell.append('"');
        i++;
      } else {
        break;
      }
    }
    while (i < n && text.charAt(i) != ',') {
      if (!Character.isWhitespace(text.charAt(i))) {
        throw new DataException(file + " line " + line + ": text after a closing quote; expected a comma");
      }
      i++;
    }
    return i;
  }

  private List<String> checkHeader(List<String> cells) {
    if (cells.stream().allMatch(CsvTable::looksNumeric)) {
      throw new DataException(file + " line " + line
          + ": the first row holds numbers, not column names; add a header row naming the columns");
    }
    Set<String> seen = new HashSet<>();
    for (int j = 0; j < cells.size(); j++) {
      String name = cells.get(j);
      if (name.isEmpty()) {
        throw new DataException(file + " line " + line + ": header column " + (j + 1) + " has no name");
      }
      if (!seen.add(name)) {
        throw new DataException(file + " line " + line + ": column '" + name + "' appears twice in the header");
      }
    }
    return List.copyOf(cells);
  }

  private static boolean looksNumeric(String cell) {
    try {
      Double.parseDouble(cell);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static void closeQuietly(Closeable c) {
    try {
      c.close();
    } catch (IOException e) {
      // nothing was written; a failed close of a reader loses nothing
    }
  }
}
