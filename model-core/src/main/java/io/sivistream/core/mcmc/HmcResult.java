package io.sivistream.core.mcmc;

import java.util.List;

/**
 * Outcome of a NUTS run: the kept draws and the diagnostics that say whether to trust them.
 *
 * @param names parameter names, length d
 * @param draws kept draws, shape (total, d), chains concatenated in chain order (chain c occupies rows
 *     c * total / chains .. (c + 1) * total / chains - 1)
 * @param rhat rank-normalised split R-hat per parameter (length d); below 1.01 means the chains agree
 * @param ess bulk effective sample size per parameter (length d), over all chains
 * @param stepSizes adapted leapfrog step size of each chain (length chains)
 * @param divergences divergent transitions among the kept iterations, all chains; 0 in a healthy run
 * @param seconds wall time of the run
 */
public record HmcResult(
    List<String> names,
    double[][] draws,
    double[] rhat,
    double[] ess,
    double[] stepSizes,
    int divergences,
    double seconds) {

  public HmcResult {
    names = List.copyOf(names);
  }

  /** Number of chains. */
  public int chains() {
    return stepSizes.length;
  }

  /** Largest R-hat over parameters. */
  public double maxRhat() {
    double m = Double.NEGATIVE_INFINITY;
    for (double r : rhat) {
      m = Math.max(m, r);
    }
    return m;
  }

  /** Smallest bulk ESS over parameters. */
  public double minEss() {
    double m = Double.POSITIVE_INFINITY;
    for (double e : ess) {
      m = Math.min(m, e);
    }
    return m;
  }
}
