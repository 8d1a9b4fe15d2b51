package io.sivistream.core.formula;

import java.util.List;

/**
 * One varying effect of a group term on the rows: {@code (1 | store)} has one (the intercept),
 * {@code (1 + x || store)} two. Row i gets r[level[i]] · weight[i] added to its linear predictor,
 * with r ~ N(0, sd²) over the levels.
 *
 * @param group the grouping column
 * @param effect {@code Intercept} or the slope's column
 * @param levels the group's levels, in parameter order
 * @param level per row, the index into levels
 * @param weight per row, 1 for an intercept, the slope column's value for a slope
 */
public record GroupEffect(String group, String effect, List<String> levels, int[] level, double[] weight) {

  public GroupEffect {
    levels = List.copyOf(levels);
  }

  /** The sd's draw name as brms prints it: {@code sd_store__Intercept}. */
  public String sdName() {
    return "sd_" + group + "__" + effect;
  }

  /** The draw name of the effect of one level, as brms prints it: {@code r_store[B,Intercept]}. */
  public String effectName(int levelIndex) {
    return "r_" + group + "[" + levels.get(levelIndex) + "," + effect + "]";
  }
}
