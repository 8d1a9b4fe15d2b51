package io.sivistream.core.data;

import java.util.List;

/**
 * Posterior draws as stored in a draws CSV file.
 *
 * @param names parameter names, the CSV header
 * @param draws one draw per row, shape [n][names.size()]
 */
public record Draws(List<String> names, double[][] draws) {

  public Draws {
    names = List.copyOf(names);
    if (names.isEmpty()) {
      throw new IllegalArgumentException("draws need at least one parameter name, got none");
    }
    for (double[] row : draws) {
      if (row.length != names.size()) {
        throw new IllegalArgumentException(
            "draws must have " + names.size() + " values per row (one per name), got a row of " + row.length);
      }
    }
  }

  public int size() {
    return draws.length;
  }
}
