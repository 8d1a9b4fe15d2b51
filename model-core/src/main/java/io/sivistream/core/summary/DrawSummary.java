package io.sivistream.core.summary;

import java.util.List;

/** STUB for the cli branch (dropped at merge): the real summary comes from its own branch. */
public record DrawSummary(List<String> names, double[] mean, double[] sd, double[] q05, double[] q50, double[] q95,
    double[][] corr) {

  public static DrawSummary of(List<String> names, double[][] draws) {
    throw new UnsupportedOperationException("stub: DrawSummary.of");
  }

  public String toTable() {
    throw new UnsupportedOperationException("stub: DrawSummary.toTable");
  }
}
