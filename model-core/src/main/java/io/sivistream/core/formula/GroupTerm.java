package io.sivistream.core.formula;

import java.util.List;

/**
 * A group-level (varying) term {@code (1 | g)} or {@code (1 + x || g)}: one effect per level of
 * the grouping column for the intercept and for each slope, independent of each other, each with
 * its own sd ({@code sd_g__Intercept}, {@code sd_g__x}).
 *
 * @param group the grouping column
 * @param intercept whether the term has a varying intercept
 * @param slopes the varying slopes (numeric columns), in the order written
 */
public record GroupTerm(String group, boolean intercept, List<Term> slopes) {

  public GroupTerm {
    slopes = List.copyOf(slopes);
    if (!intercept && slopes.isEmpty()) {
      throw new FormulaException("group term (0 | " + group + ") has no effect; write (1 | " + group + ")");
    }
  }

  /** The effect names in parameter order: {@code Intercept} first, then the slopes' names. */
  public List<String> effects() {
    List<String> names = new java.util.ArrayList<>();
    if (intercept) {
      names.add("Intercept");
    }
    for (Term s : slopes) {
      names.add(s.name());
    }
    return List.copyOf(names);
  }
}
