package io.sivistream.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DiscrepancyTest {

  /** n draws of d independent N(shift_j, scale_j^2) coordinates, with correlation rho between 0 and 1. */
  private static double[][] gaussian(int n, double[] shift, double[] scale, double rho, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int d = shift.length;
    double[][] out = new double[n][d];
    for (int i = 0; i < n; i++) {
      double z0 = rng.nextGaussian();
      for (int j = 0; j < d; j++) {
        double z = j == 1 ? rho * z0 + Math.sqrt(1 - rho * rho) * rng.nextGaussian() : (j == 0 ? z0 : rng.nextGaussian());
        out[i][j] = shift[j] + scale[j] * z;
      }
    }
    return out;
  }

  @Test
  void samplesFromTheSameDistributionAreClose() {
    double[] mu = {1, -3, 50};
    double[] sd = {0.01, 2, 100};
    Discrepancy dis = Discrepancy.compare(gaussian(4000, mu, sd, 0.7, 1), gaussian(4000, mu, sd, 0.7, 2));
    assertThat(Math.abs(dis.energyDistance())).isLessThan(0.01);
    assertThat(dis.maxMeanError()).isLessThan(0.08);
    assertThat(dis.maxLogSdRatio()).isLessThan(0.05);
    assertThat(dis.maxCorrError()).isLessThan(0.05);
  }

  @Test
  void identicalSamplesGiveZeroMomentErrors() {
    double[][] x = gaussian(500, new double[] {0, 0}, new double[] {1, 1}, 0.3, 3);
    Discrepancy dis = Discrepancy.compare(x, x);
    assertThat(dis.maxMeanError()).isZero();
    assertThat(dis.maxLogSdRatio()).isZero();
    assertThat(dis.maxCorrError()).isZero();
    // Unbiased within-sample terms make the estimate slightly negative (-E|X-X'| / n) for identical samples.
    assertThat(dis.energyDistance()).isCloseTo(0, within(0.01));
  }

  @Test
  void shiftAndScaleShowUpInUnitsOfTheReferenceSd() {
    double[][] ref = gaussian(4000, new double[] {0, 0}, new double[] {2, 5}, 0.0, 4);
    double[][] moved = new double[ref.length][];
    for (int i = 0; i < ref.length; i++) {
      // coordinate 0 shifted by 0.5 reference sd; coordinate 1 spread twice as wide around its mean
      moved[i] = new double[] {ref[i][0] + 1.0, 2 * ref[i][1]};
    }
    Discrepancy dis = Discrepancy.compare(moved, ref);
    assertThat(dis.maxMeanError()).isCloseTo(0.5, within(0.05));
    assertThat(dis.maxLogSdRatio()).isCloseTo(Math.log(2), within(1e-9));
    assertThat(dis.maxCorrError()).isCloseTo(0, within(1e-9)); // rescaling keeps correlations
  }

  @Test
  void correlationErrorIsTheLargestPairwiseDifference() {
    double[] mu = {0, 0};
    double[] sd = {1, 1};
    Discrepancy dis = Discrepancy.compare(gaussian(4000, mu, sd, 0.2, 5), gaussian(4000, mu, sd, 0.8, 6));
    assertThat(dis.maxCorrError()).isCloseTo(0.6, within(0.05));
  }

  @Test
  void energyDistanceOfShiftedNormalsMatchesClosedForm() {
    // X ~ N(0,1), Y ~ N(delta,1): D = 2 E|X - Y| - E|X - X'| - E|Y - Y'| with X - Y ~ N(-delta, 2), X - X' ~ N(0, 2).
    // Samples on the quantile grid Phi^-1((i + 1/2) / n) remove the Monte Carlo noise (about 0.04 for
    // 2000 random draws), so the estimator itself is checked to 0.005.
    int n = 2000;
    for (double delta : new double[] {0.25, 0.5, 1.0, 2.0}) {
      double[][] x = new double[n][1];
      double[][] y = new double[n][1];
      for (int i = 0; i < n; i++) {
        x[i][0] = normalQuantile((i + 0.5) / n);
        y[i][0] = delta + x[i][0];
      }
      double exact = 2 * foldedNormalMean(delta, Math.sqrt(2)) - 2 * foldedNormalMean(0, Math.sqrt(2));
      assertThat(Discrepancy.compare(x, y).energyDistance()).as("delta %s, exact %s", delta, exact)
          .isCloseTo(exact, within(0.005));
    }
  }

  @Test
  void energyDistanceOfRandomSamplesIsCloseToClosedForm() {
    double[][] x = gaussian(2000, new double[] {0}, new double[] {1}, 0, 7);
    double[][] y = gaussian(2000, new double[] {1}, new double[] {1}, 0, 8);
    double exact = 2 * foldedNormalMean(1, Math.sqrt(2)) - 2 * foldedNormalMean(0, Math.sqrt(2)); // 0.5418
    assertThat(Discrepancy.compare(x, y).energyDistance()).isCloseTo(exact, within(0.15)); // 0.04 sd
  }

  /** Phi^-1 by bisection on phi (test helper; accuracy limited by phi's 1.2e-7). */
  private static double normalQuantile(double p) {
    double lo = -10;
    double hi = 10;
    for (int k = 0; k < 80; k++) {
      double mid = 0.5 * (lo + hi);
      if (phi(mid) < p) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return 0.5 * (lo + hi);
  }

  @Test
  void closedFormIsRightAtKnownPoints() {
    // E|N(0, s^2)| = s sqrt(2 / pi); for large mu, E|N(mu, s^2)| -> mu.
    assertThat(foldedNormalMean(0, 1)).isCloseTo(Math.sqrt(2 / Math.PI), within(1e-12));
    assertThat(foldedNormalMean(10, 1)).isCloseTo(10, within(1e-9));
  }

  /** E|Z| for Z ~ N(mu, s^2): s sqrt(2/pi) exp(-mu^2 / (2 s^2)) + mu (1 - 2 Phi(-mu / s)). */
  private static double foldedNormalMean(double mu, double s) {
    return s * Math.sqrt(2 / Math.PI) * Math.exp(-mu * mu / (2 * s * s)) + mu * (1 - 2 * phi(-mu / s));
  }

  /** Standard normal CDF via erfc (Numerical Recipes' erfcc, relative error below 1.2e-7). */
  private static double phi(double x) {
    double z = Math.abs(x) / Math.sqrt(2);
    double t = 1 / (1 + 0.5 * z);
    double erfc = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
        + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
        + t * (-0.82215223 + t * 0.17087277)))))))));
    return x >= 0 ? 1 - 0.5 * erfc : 0.5 * erfc;
  }

  @Test
  void energyDistanceIsInvariantToCommonRescaling() {
    double[][] x = gaussian(800, new double[] {0, 1}, new double[] {1, 1}, 0.5, 9);
    double[][] y = gaussian(800, new double[] {0.3, 1}, new double[] {1, 1.2}, 0.5, 10);
    double[][] xs = new double[x.length][];
    double[][] ys = new double[y.length][];
    for (int i = 0; i < x.length; i++) {
      xs[i] = new double[] {1000 * x[i][0], 0.001 * x[i][1]};
      ys[i] = new double[] {1000 * y[i][0], 0.001 * y[i][1]};
    }
    Discrepancy a = Discrepancy.compare(x, y);
    Discrepancy b = Discrepancy.compare(xs, ys);
    assertThat(b.energyDistance()).isCloseTo(a.energyDistance(), within(1e-9));
    assertThat(b.maxMeanError()).isCloseTo(a.maxMeanError(), within(1e-9));
  }

  @Test
  void largeSamplesAreThinnedAndCompareQuickly() {
    double[][] x = gaussian(20000, new double[22], ones(22), 0, 11);
    double[][] y = gaussian(20000, new double[22], ones(22), 0, 12);
    long t0 = System.nanoTime();
    Discrepancy a = Discrepancy.compare(x, y);
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertThat(Math.abs(a.energyDistance())).isLessThan(0.05);
    assertThat(seconds).isLessThan(10);
  }

  private static double[] ones(int d) {
    double[] o = new double[d];
    java.util.Arrays.fill(o, 1);
    return o;
  }

  @Test
  void toStringNamesAllFour() {
    String s = new Discrepancy(0.01, 0.02, 0.03, 0.04).toString();
    assertThat(s).isEqualTo("Discrepancy[energyDistance=0.01000, maxMeanError=0.02000, maxLogSdRatio=0.03000, "
        + "maxCorrError=0.04000]");
  }

  @Test
  void rejectsMismatchedOrDegenerateInput() {
    assertThatThrownBy(() -> Discrepancy.compare(new double[][] {{1, 2}, {2, 3}}, new double[][] {{1}, {2}}))
        .hasMessageContaining("draws have 2 columns but the reference has 1");
    assertThatThrownBy(() -> Discrepancy.compare(new double[][] {{1}, {2}}, new double[][] {{1}, {1}}))
        .hasMessageContaining("reference sd of coordinate 0 must be finite and > 0, got 0.0");
    assertThatThrownBy(() -> Discrepancy.compare(new double[][] {{1}}, new double[][] {{1}, {2}}))
        .hasMessageContaining("at least 2 draws");
  }
}
