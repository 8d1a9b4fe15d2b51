package io.sivistream.app.cli;

import io.sivistream.core.summary.DrawSummary;
import java.util.Locale;

/**
 * The {@code hmc} summary table: the columns of {@link DrawSummary} plus the convergence
 * diagnostics R-hat and effective sample size, one parameter per row.
 */
final class SummaryTables {

  private SummaryTables() {}

  /**
   * @param rhat split R-hat per parameter (values above 1.01 mean the chains disagree)
   * @param ess effective sample size per parameter
   */
  static String withDiagnostics(DrawSummary s, double[] rhat, double[] ess) {
    int nameWidth = "parameter".length();
    for (String n : s.names()) {
      nameWidth = Math.max(nameWidth, n.length());
    }
    String head = "%-" + nameWidth + "s %11s %11s %11s %11s %11s %7s %8s%n";
    String row = "%-" + nameWidth + "s %11s %11s %11s %11s %11s %7.3f %8.0f%n";
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, head, "parameter", "mean", "sd", "q05", "q50", "q95", "rhat", "ess"));
    for (int j = 0; j < s.names().size(); j++) {
      sb.append(String.format(Locale.ROOT, row, s.names().get(j), num(s.mean()[j]), num(s.sd()[j]), num(s.q05()[j]),
          num(s.q50()[j]), num(s.q95()[j]), rhat[j], ess[j]));
    }
    return sb.toString();
  }

  /** Four significant digits without switching to exponent notation for ordinary magnitudes. */
  static String num(double v) {
    double a = Math.abs(v);
    if (v == 0 || (a >= 1e-3 && a < 1e6)) {
      int decimals = v == 0 ? 4 : Math.max(0, 3 - (int) Math.floor(Math.log10(a)));
      return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
    return String.format(Locale.ROOT, "%.3e", v);
  }
}
