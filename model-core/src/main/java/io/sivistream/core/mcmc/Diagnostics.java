package io.sivistream.core.mcmc;

import java.util.Arrays;

/**
 * Convergence diagnostics of MCMC draws: split R-hat, its rank-normalised version, and the effective
 * sample size by Geyer's initial monotone sequence estimator across chains (Vehtari, Gelman, Simpson,
 * Carpenter &amp; Bürkner 2021, "Rank-normalization, folding, and localization: an improved R-hat";
 * Stan's and the R package posterior's arithmetic).
 *
 * <p>Two shapes of input: {@code draws} of shape (total, d) with the chains concatenated in equal
 * blocks (as in {@link HmcResult#draws()}), giving one value per parameter; or {@code byChain} of shape
 * (chains, n) for a single parameter. Chains are split in halves (dropping the middle draw of odd
 * lengths), so one chain already gives two. Results are NaN when there are fewer than 4 draws per chain
 * or the draws are all equal, and +∞ (R-hat) when chains are constant at different values.
 */
public final class Diagnostics {

  private Diagnostics() {
  }

  /** Rank-normalised split R-hat per parameter; draws (total, d), chains in equal consecutive blocks. */
  public static double[] rhat(double[][] draws, int chains) {
    double[] out = new double[columns(draws)];
    for (int j = 0; j < out.length; j++) {
      out[j] = rankNormalizedRhat(byChain(draws, chains, j));
    }
    return out;
  }

  /** Bulk ESS (ESS of the rank-normalised split chains) per parameter. */
  public static double[] bulkEss(double[][] draws, int chains) {
    double[] out = new double[columns(draws)];
    for (int j = 0; j < out.length; j++) {
      out[j] = bulkEss(byChain(draws, chains, j));
    }
    return out;
  }

  /** ESS of the split chains as they are (no rank normalisation): the one behind the MCSE of a mean. */
  public static double[] ess(double[][] draws, int chains) {
    double[] out = new double[columns(draws)];
    for (int j = 0; j < out.length; j++) {
      out[j] = ess(byChain(draws, chains, j));
    }
    return out;
  }

  /**
   * Column {@code j} of draws (total, d) cut into {@code chains} equal consecutive blocks: shape (chains, n).
   */
  public static double[][] byChain(double[][] draws, int chains, int j) {
    if (chains < 1 || draws.length % chains != 0) {
      throw new IllegalArgumentException("chains must be >= 1 and divide the number of draws ("
          + draws.length + "), got " + chains);
    }
    int n = draws.length / chains;
    double[][] out = new double[chains][n];
    for (int c = 0; c < chains; c++) {
      for (int i = 0; i < n; i++) {
        out[c][i] = draws[c * n + i][j];
      }
    }
    return out;
  }

  /** Split R-hat (Gelman et al., BDA3 section 11.4) of one parameter, byChain (chains, n). */
  public static double splitRhat(double[][] byChain) {
    double[][] s = split(byChain);
    return s == null ? Double.NaN : basicRhat(s);
  }

  /**
   * Rank-normalised split R-hat: the larger of the R-hat of the rank-normalised draws (bulk) and of
   * the rank-normalised distances to the median (tail). Robust to heavy tails and catches chains that
   * agree in location but not in scale.
   */
  public static double rankNormalizedRhat(double[][] byChain) {
    double[][] s = split(byChain);
    if (s == null) {
      return Double.NaN;
    }
    double bulk = basicRhat(zScale(s));
    double median = median(byChain);
    double[][] folded = new double[s.length][];
    for (int c = 0; c < s.length; c++) {
      folded[c] = new double[s[c].length];
      for (int i = 0; i < s[c].length; i++) {
        folded[c][i] = Math.abs(s[c][i] - median);
      }
    }
    double tail = basicRhat(zScale(folded));
    // Folded draws can all be equal (e.g. chains constant at two values either side of the median);
    // then the tail says nothing and the bulk value stands.
    return Double.isNaN(tail) ? bulk : Math.max(bulk, tail);
  }

  /** Bulk ESS of one parameter: ESS of the rank-normalised split chains. */
  public static double bulkEss(double[][] byChain) {
    double[][] s = split(byChain);
    return s == null ? Double.NaN : geyerEss(zScale(s));
  }

  /** ESS of one parameter from its split chains, without rank normalisation. */
  public static double ess(double[][] byChain) {
    double[][] s = split(byChain);
    return s == null ? Double.NaN : geyerEss(s);
  }

  private static int columns(double[][] draws) {
    if (draws.length == 0) {
      throw new IllegalArgumentException("draws must have at least one row");
    }
    return draws[0].length;
  }

  /** Halves of every chain, dropping the middle draw of odd-length chains; null if too short. */
  private static double[][] split(double[][] byChain) {
    int n = byChain[0].length;
    for (double[] c : byChain) {
      if (c.length != n) {
        throw new IllegalArgumentException("all chains must have the same length, got " + n + " and " + c.length);
      }
    }
    if (n < 4) {
      return null;
    }
    int half = n / 2;
    double[][] out = new double[2 * byChain.length][];
    for (int c = 0; c < byChain.length; c++) {
      out[2 * c] = Arrays.copyOfRange(byChain[c], 0, half);
      out[2 * c + 1] = Arrays.copyOfRange(byChain[c], n - half, n);
    }
    return out;
  }

  private static double basicRhat(double[][] chains) {
    int m = chains.length;
    int n = chains[0].length;
    double[] means = new double[m];
    double within = 0;
    for (int c = 0; c < m; c++) {
      means[c] = mean(chains[c]);
      within += variance(chains[c], means[c]);
    }
    within /= m;
    double between = n * variance(means, mean(means));
    return Math.sqrt((between / within + n - 1) / n);
  }

  /**
   * Geyer's initial monotone sequence estimator over several chains, with the improved (antithetic)
   * tail term and the floor tau >= 1 / log10(total), as in the R package posterior.
   */
  private static double geyerEss(double[][] chains) {
    int m = chains.length;
    int n = chains[0].length;
    double[] means = new double[m];
    double meanVar = 0;
    for (int c = 0; c < m; c++) {
      means[c] = mean(chains[c]);
      meanVar += variance(chains[c], means[c]);
    }
    meanVar /= m;
    double varPlus = meanVar * (n - 1) / n;
    if (m > 1) {
      varPlus += variance(means, mean(means));
    }
    if (!(varPlus > 0)) {
      return Double.NaN; // all draws equal (or not finite): there is nothing to estimate
    }
    double[] rho = new double[n + 1];
    rho[0] = 1;
    double even = 1;
    double odd = 1 - (meanVar - meanAutocov(chains, means, 1)) / varPlus;
    rho[1] = odd;
    int t = 0;
    while (t < n - 5 && !Double.isNaN(even + odd) && even + odd > 0) {
      t += 2;
      even = 1 - (meanVar - meanAutocov(chains, means, t)) / varPlus;
      odd = 1 - (meanVar - meanAutocov(chains, means, t + 1)) / varPlus;
      if (even + odd >= 0) {
        rho[t] = even;
        rho[t + 1] = odd;
      }
    }
    int maxT = t;
    if (even > 0) {
      rho[maxT] = even;
    }
    // Make the sums of adjacent pairs monotone (Geyer's initial monotone sequence).
    t = 0;
    while (t <= maxT - 4) {
      t += 2;
      if (rho[t] + rho[t + 1] > rho[t - 2] + rho[t - 1]) {
        rho[t] = (rho[t - 2] + rho[t - 1]) / 2;
        rho[t + 1] = rho[t];
      }
    }
    double total = (double) m * n;
    double tau = -1 + rho[maxT];
    for (int k = 0; k < maxT; k++) {
      tau += 2 * rho[k];
    }
    tau = Math.max(tau, 1 / Math.log10(total));
    return total / tau;
  }

  /** Mean over chains of the biased (divide by n) autocovariance at {@code lag}. */
  private static double meanAutocov(double[][] chains, double[] means, int lag) {
    int n = chains[0].length;
    double sum = 0;
    for (int c = 0; c < chains.length; c++) {
      double[] x = chains[c];
      double mu = means[c];
      double s = 0;
      for (int i = 0; i + lag < n; i++) {
        s += (x[i] - mu) * (x[i + lag] - mu);
      }
      sum += s / n;
    }
    return sum / chains.length;
  }

  /** Rank normalisation: Φ⁻¹((rank - 3/8) / (S + 1/4)) over all draws pooled, ties given their mean rank. */
  private static double[][] zScale(double[][] chains) {
    int n = chains[0].length;
    int total = chains.length * n;
    double[] pooled = new double[total];
    for (int c = 0; c < chains.length; c++) {
      System.arraycopy(chains[c], 0, pooled, c * n, n);
    }
    double[] ranks = averageRanks(pooled);
    double[][] out = new double[chains.length][n];
    for (int c = 0; c < chains.length; c++) {
      for (int i = 0; i < n; i++) {
        out[c][i] = NormalQuantile.of((ranks[c * n + i] - 0.375) / (total + 0.25));
      }
    }
    return out;
  }

  /** 1-based ranks, ties sharing their average rank. */
  static double[] averageRanks(double[] x) {
    int n = x.length;
    // Sort indices by value; equal values then share their average rank.
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(x[a], x[b]));
    double[] ranks = new double[n];
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && Double.compare(x[order[j + 1]], x[order[i]]) == 0) {
        j++;
      }
      double r = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        ranks[order[k]] = r;
      }
      i = j + 1;
    }
    return ranks;
  }

  private static double median(double[][] byChain) {
    int total = 0;
    for (double[] c : byChain) {
      total += c.length;
    }
    double[] all = new double[total];
    int k = 0;
    for (double[] c : byChain) {
      System.arraycopy(c, 0, all, k, c.length);
      k += c.length;
    }
    Arrays.sort(all);
    return total % 2 == 1 ? all[total / 2] : 0.5 * (all[total / 2 - 1] + all[total / 2]);
  }

  private static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }

  private static double variance(double[] x, double mean) {
    double s = 0;
    for (double v : x) {
      s += (v - mean) * (v - mean);
    }
    return s / (x.length - 1);
  }
}
