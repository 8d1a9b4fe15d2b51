package io.sivistream.core.summary;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Marginal summaries and correlations of a sample of draws.
 *
 * <pre>{@code
 * DrawSummary s = DrawSummary.of(result.names(), result.draws());
 * System.out.println(s.toTable());
 * }</pre>
 *
 * @param names parameter names, length d
 * @param mean sample means, length d
 * @param sd sample standard deviations (divisor n - 1), length d
 * @param q05 5% quantiles, length d (linear interpolation between order statistics, R's type 7)
 * @param q50 medians, length d
 * @param q95 95% quantiles, length d
 * @param corr Pearson correlation matrix, shape (d, d), 1 on the diagonal (NaN for a constant parameter)
 */
public record DrawSummary(
    List<String> names,
    double[] mean,
    double[] sd,
    double[] q05,
    double[] q50,
    double[] q95,
    double[][] corr) {

  public DrawSummary {
    names = List.copyOf(names);
  }

  /**
   * Summarises draws.
   *
   * @param names parameter names, length d
   * @param draws shape (n, d), n >= 2
   */
  public static DrawSummary of(List<String> names, double[][] draws) {
    int n = draws.length;
    if (n < 2) {
      throw new IllegalArgumentException("draws must have at least 2 rows to estimate an sd, got " + n);
    }
    int d = names.size();
    for (int i = 0; i < n; i++) {
      if (draws[i].length != d) {
        throw new IllegalArgumentException("draws row " + i + " has " + draws[i].length + " columns but there are "
            + d + " names; they must agree");
      }
    }
    double[] mean = new double[d];
    for (double[] row : draws) {
      for (int j = 0; j < d; j++) {
        mean[j] += row[j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= n;
    }
    double[][] cov = new double[d][d];
    double[] centred = new double[d];
    for (double[] row : draws) {
      for (int j = 0; j < d; j++) {
        centred[j] = row[j] - mean[j];
      }
      for (int j = 0; j < d; j++) {
        double cj = centred[j];
        double[] covJ = cov[j];
        for (int k = j; k < d; k++) {
          covJ[k] += cj * centred[k];
        }
      }
    }
    double[] sd = new double[d];
    for (int j = 0; j < d; j++) {
      sd[j] = Math.sqrt(cov[j][j] / (n - 1));
    }
    double[][] corr = new double[d][d];
    for (int j = 0; j < d; j++) {
      for (int k = j; k < d; k++) {
        double r = j == k ? 1.0 : cov[j][k] / (n - 1) / (sd[j] * sd[k]);
        if (sd[j] == 0 || sd[k] == 0) {
          r = Double.NaN;
        }
        corr[j][k] = r;
        corr[k][j] = r;
      }
    }
    double[] q05 = new double[d];
    double[] q50 = new double[d];
    double[] q95 = new double[d];
    double[] column = new double[n];
    for (int j = 0; j < d; j++) {
      for (int i = 0; i < n; i++) {
        column[i] = draws[i][j];
      }
      Arrays.sort(column);
      q05[j] = quantileSorted(column, 0.05);
      q50[j] = quantileSorted(column, 0.50);
      q95[j] = quantileSorted(column, 0.95);
    }
    return new DrawSummary(names, mean, sd, q05, q50, q95, corr);
  }

  /**
   * The p-quantile of sorted values by linear interpolation between order statistics (R's type 7,
   * numpy's default): h = (n - 1) p, x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h]).
   */
  public static double quantileSorted(double[] sorted, double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("quantile level must be in [0, 1], got " + p);
    }
    if (sorted.length == 0) {
      throw new IllegalArgumentException("cannot take a quantile of no values");
    }
    double h = (sorted.length - 1) * p;
    int lo = (int) Math.floor(h);
    if (lo >= sorted.length - 1) {
      return sorted[sorted.length - 1];
    }
    return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
  }

  /** Dimension d. */
  public int dim() {
    return names.size();
  }

  /** Index of the named parameter. */
  public int indexOf(String name) {
    int i = names.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("unknown parameter '" + name + "'; known: " + String.join(", ", names));
    }
    return i;
  }

  /** An aligned text table, one row per parameter: parameter, mean, sd, 5%, 50%, 95%. */
  public String toTable() {
    int nameWidth = "parameter".length();
    for (String s : names) {
      nameWidth = Math.max(nameWidth, s.length());
    }
    String head = "%-" + nameWidth + "s %11s %11s %11s %11s %11s\n";
    String row = "%-" + nameWidth + "s %11.4g %11.4g %11.4g %11.4g %11.4g\n";
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, head, "parameter", "mean", "sd", "5%", "50%", "95%"));
    for (int j = 0; j < names.size(); j++) {
      sb.append(String.format(Locale.ROOT, row, names.get(j), mean[j], sd[j], q05[j], q50[j], q95[j]));
    }
    return sb.toString();
  }
}
