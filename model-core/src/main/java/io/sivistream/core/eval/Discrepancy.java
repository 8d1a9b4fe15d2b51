package io.sivistream.core.eval;

import io.sivistream.core.summary.DrawSummary;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * How far a sample is from a reference sample, in units of the reference's spread.
 *
 * <p>All four numbers are 0 for identical samples and are invariant to shifting and rescaling both
 * samples together, coordinate by coordinate.
 *
 * <pre>{@code
 * Discrepancy dis = Discrepancy.compare(siviDraws, nuts.draws());
 * assertThat(dis.maxMeanError()).isLessThan(0.1);
 * }</pre>
 *
 * @param energyDistance energy distance 2E|X-Y| - E|X-X'| - E|Y-Y'| (Székely &amp; Rizzo 2013) with the
 *     Euclidean norm after dividing coordinate j by the reference sd of coordinate j; estimated from
 *     at most {@value #MAX_POINTS} evenly spaced draws of each sample, the within-sample terms over
 *     distinct pairs (unbiased). For two 1-D normals with unit sd and means δ apart it is about
 *     δ² / √π for small δ.
 * @param maxMeanError max over j of |mean_j - refMean_j| / refSd_j
 * @param maxLogSdRatio max over j of |log(sd_j / refSd_j)|
 * @param maxCorrError max over j &lt; k of |corr_jk - refCorr_jk| (0 when d = 1)
 */
public record Discrepancy(double energyDistance, double maxMeanError, double maxLogSdRatio, double maxCorrError) {

  /** Most draws of each sample used for the energy distance (its cost is quadratic). */
  public static final int MAX_POINTS = 2000;

  /**
   * Compares {@code draws} with {@code reference}.
   *
   * @param draws the sample to judge, shape (n, d), n >= 2
   * @param reference the trusted sample, shape (m, d), m >= 2, every coordinate with sd > 0
   */
  public static Discrepancy compare(double[][] draws, double[][] reference) {
    if (draws.length < 2 || reference.length < 2) {
      throw new IllegalArgumentException("both samples need at least 2 draws, got " + draws.length + " and "
          + reference.length);
    }
    int d = reference[0].length;
    if (draws[0].length != d) {
      throw new IllegalArgumentException("draws have " + draws[0].length + " columns but the reference has " + d
          + "; they must agree");
    }
    List<String> names = Collections.nCopies(d, "x");
    DrawSummary s = DrawSummary.of(names, draws);
    DrawSummary r = DrawSummary.of(names, reference);
    double meanErr = 0;
    double logSd = 0;
    double corrErr = 0;
    for (int j = 0; j < d; j++) {
      double refSd = r.sd()[j];
      if (!(refSd > 0) || !Double.isFinite(refSd)) {
        throw new IllegalArgumentException("reference sd of coordinate " + j + " must be finite and > 0, got "
            + refSd + "; a constant reference coordinate cannot set a scale");
      }
      meanErr = Math.max(meanErr, Math.abs(s.mean()[j] - r.mean()[j]) / refSd);
      logSd = Math.max(logSd, Math.abs(Math.log(s.sd()[j] / refSd)));
      for (int k = j + 1; k < d; k++) {
        corrErr = Math.max(corrErr, Math.abs(s.corr()[j][k] - r.corr()[j][k]));
      }
    }
    double energy = energyDistance(draws, reference, r.sd());
    return new Discrepancy(energy, meanErr, logSd, corrErr);
  }

  /** Energy distance of the standardised samples; see {@link #energyDistance()}. */
  static double energyDistance(double[][] x, double[][] y, double[] scale) {
    int d = scale.length;
    double[] xs = standardisedSubsample(x, scale);
    double[] ys = standardisedSubsample(y, scale);
    int n = xs.length / d;
    int m = ys.length / d;
    double cross = 0;
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < m; k++) {
        cross += distance(xs, i, ys, k, d);
      }
    }
    double withinX = 0;
    for (int i = 0; i < n; i++) {
      for (int k = i + 1; k < n; k++) {
        withinX += distance(xs, i, xs, k, d);
      }
    }
    double withinY = 0;
    for (int i = 0; i < m; i++) {
      for (int k = i + 1; k < m; k++) {
        withinY += distance(ys, i, ys, k, d);
      }
    }
    return 2 * cross / ((double) n * m)
        - 2 * withinX / ((double) n * (n - 1))
        - 2 * withinY / ((double) m * (m - 1));
  }

  private static double distance(double[] a, int i, double[] b, int k, int d) {
    int oa = i * d;
    int ob = k * d;
    double s = 0;
    for (int j = 0; j < d; j++) {
      double diff = a[oa + j] - b[ob + j];
      s += diff * diff;
    }
    return Math.sqrt(s);
  }

  /**
   * At most MAX_POINTS rows, evenly spaced (deterministic thinning, which also decorrelates MCMC
   * draws), divided by scale per coordinate, as one row-major array for cache-friendly loops.
   */
  private static double[] standardisedSubsample(double[][] x, double[] scale) {
    int d = scale.length;
    int n = Math.min(x.length, MAX_POINTS);
    double[] out = new double[n * d];
    for (int i = 0; i < n; i++) {
      double[] row = x[(int) ((long) i * x.length / n)];
      for (int j = 0; j < d; j++) {
        out[i * d + j] = row[j] / scale[j];
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT,
        "Discrepancy[energyDistance=%.4g, maxMeanError=%.4g, maxLogSdRatio=%.4g, maxCorrError=%.4g]",
        energyDistance, maxMeanError, maxLogSdRatio, maxCorrError);
  }
}
