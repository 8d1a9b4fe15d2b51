package io.sivistream.core.formula;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * A population-level term: one column ({@code x1}) or an interaction of columns ({@code x1:x2}).
 * Two terms are equal when they multiply the same columns, in whatever order they were written
 * ({@code a:b} is {@code b:a}, as in R); the name keeps the order of the first spelling.
 *
 * @param variables the column names multiplied, at least one, none twice
 */
public record Term(List<String> variables) {

  public Term {
    variables = List.copyOf(variables);
    if (variables.isEmpty()) {
      throw new IllegalArgumentException("a term needs at least one column");
    }
  }

  /** The name as brms prints it, without the {@code b_} prefix: {@code x1:x2}. */
  public String name() {
    return String.join(":", variables);
  }

  /** This term times another: the union of their columns, ours first ({@code a:b} times {@code b:c} is {@code a:b:c}). */
  Term times(Term other) {
    List<String> all = new ArrayList<>(variables);
    for (String v : other.variables) {
      if (!all.contains(v)) {
        all.add(v);
      }
    }
    return new Term(all);
  }

  /** Whether both terms multiply the same set of columns. */
  boolean sameAs(Term other) {
    return new HashSet<>(variables).equals(new HashSet<>(other.variables));
  }
}
