package io.sivistream.core.mcmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sivistream.core.summary.DrawSummary;
import io.sivistream.core.target.ScoreAt;
import io.sivistream.core.target.Target;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class NutsTest {

  @Test
  void recoversCorrelatedGaussian2d() {
    double[] mean = {1.0, -2.0};
    double[] sd = {1.0, 2.0};
    double rho = 0.9;
    double[][] cov = {{1.0, rho * 2.0}, {rho * 2.0, 4.0}};
    HmcResult r = Nuts.sample(new GaussianTarget(mean, cov), HmcConfig.DEFAULT);

    assertThat(r.draws()).hasNumberOfRows(4000);
    assertThat(r.names()).containsExactly("x1", "x2");
    assertRecovers(r, mean, sd);
    DrawSummary s = DrawSummary.of(r.names(), r.draws());
    assertThat(s.corr()[0][1]).isCloseTo(rho, within(0.02));
  }

  @Test
  void recoversGaussianWithScalesFrom0p1To10() {
    int d = 10;
    double[] mean = new double[d];
    double[] sd = new double[d];
    for (int i = 0; i < d; i++) {
      sd[i] = 0.1 * Math.pow(100, i / (d - 1.0)); // 0.1 .. 10, log-spaced
      mean[i] = (i % 3 - 1) * sd[i];
    }
    HmcResult r = Nuts.sample(GaussianTarget.diagonal(mean, sd), HmcConfig.DEFAULT);

    assertRecovers(r, mean, sd);
    // The adapted metric makes the scales irrelevant: the step size is of order 1 (not 0.1).
    for (double eps : r.stepSizes()) {
      assertThat(eps).isBetween(0.3, 1.5);
    }
  }

  @Test
  void recoversHeavierTailedLogisticDistribution() {
    // Standard logistic in each coordinate: sd = pi / sqrt(3), 95% quantile = log(19); not Gaussian.
    Target logistic = new TestTarget(2) {
      @Override public double logDensity(double[] x) {
        double s = 0;
        for (double v : x) {
          s += -v - 2 * Math.log1p(Math.exp(-v));
        }
        return s;
      }

      @Override public double[] gradLogDensity(double[] x) {
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
          g[i] = -1 + 2 / (1 + Math.exp(x[i]));
        }
        return g;
      }
    };
    HmcResult r = Nuts.sample(logistic, new HmcConfig(4, 1000, 40000, 11L, 10, 0.8));
    DrawSummary s = DrawSummary.of(r.names(), r.draws());
    double sd = Math.PI / Math.sqrt(3);
    double q95 = Math.log(19);
    for (int j = 0; j < 2; j++) {
      double ess = r.ess()[j];
      // MCSE of a p-quantile: sqrt(p (1 - p) / ESS) / density there; the density at log(19) is 0.95 * 0.05.
      double quantileTol = 4 * Math.sqrt(0.05 * 0.95 / ess) / (0.05 * 0.95);
      assertThat(s.mean()[j]).isCloseTo(0, within(4 * s.sd()[j] / Math.sqrt(ess)));
      assertThat(s.sd()[j]).isCloseTo(sd, within(0.03 * sd));
      assertThat(s.q95()[j]).isCloseTo(q95, within(quantileTol));
      assertThat(s.q05()[j]).isCloseTo(-q95, within(quantileTol));
    }
    assertThat(r.maxRhat()).isLessThan(1.01);
  }

  @Test
  void countsDivergencesInNealsFunnel() {
    // v ~ N(0, 3^2), x | v ~ N(0, e^v): the neck is too narrow for one step size, so NUTS diverges there.
    Target funnel = new TestTarget(2) {
      @Override public double logDensity(double[] q) {
        double v = q[0];
        double x = q[1];
        return -v * v / 18 - 0.5 * v - 0.5 * x * x * Math.exp(-v);
      }

      @Override public double[] gradLogDensity(double[] q) {
        double v = q[0];
        double x = q[1];
        return new double[] {-v / 9 - 0.5 + 0.5 * x * x * Math.exp(-v), -x * Math.exp(-v)};
      }
    };
    HmcResult r = Nuts.sample(funnel, new HmcConfig(2, 500, 1000, 5L, 10, 0.8));
    assertThat(r.divergences()).isPositive();

    HmcResult healthy = Nuts.sample(GaussianTarget.diagonal(new double[] {0, 0}, new double[] {3, 1}),
        new HmcConfig(2, 500, 1000, 5L, 10, 0.8));
    assertThat(healthy.divergences()).isZero();
  }

  /** A plain-Java target of dimension d with names x1..xd; subclasses supply the density. */
  private abstract static class TestTarget implements Target {
    private final int d;

    TestTarget(int d) {
      this.d = d;
    }

    @Override public int dim() {
      return d;
    }

    @Override public List<String> parameterNames() {
      List<String> n = new ArrayList<>();
      for (int i = 0; i < d; i++) {
        n.add("x" + (i + 1));
      }
      return n;
    }

    @Override public int dataRows() {
      return 0;
    }

    @Override public ScoreAt scoreAt(INDArray x, int[] rows) {
      throw new UnsupportedOperationException("test target: plain double path only");
    }
  }

  private static void assertRecovers(HmcResult r, double[] mean, double[] sd) {
    DrawSummary s = DrawSummary.of(r.names(), r.draws());
    double[] essMean = Diagnostics.ess(r.draws(), r.chains());
    assertThat(r.divergences()).isZero();
    for (int j = 0; j < mean.length; j++) {
      double mcse = s.sd()[j] / Math.sqrt(essMean[j]);
      assertThat(s.mean()[j]).as("mean of x%d", j + 1).isCloseTo(mean[j], within(4 * mcse));
      assertThat(s.sd()[j]).as("sd of x%d", j + 1).isCloseTo(sd[j], within(0.1 * sd[j]));
      assertThat(r.rhat()[j]).as("R-hat of x%d", j + 1).isLessThan(1.01);
      assertThat(r.ess()[j]).as("bulk ESS of x%d", j + 1).isGreaterThan(400);
    }
  }

  @Test
  void sameSeedGivesIdenticalDrawsAndOtherSeedDiffers() {
    GaussianTarget t = new GaussianTarget(new double[] {0, 0}, new double[][] {{1, 0.5}, {0.5, 1}});
    HmcConfig c = new HmcConfig(3, 200, 300, 42L, 10, 0.8);
    HmcResult a = Nuts.sample(t, c);
    HmcResult b = Nuts.sample(t, c);
    HmcResult other = Nuts.sample(t, c.withSeed(43L));

    assertThat(b.draws()).isDeepEqualTo(a.draws());
    assertThat(b.stepSizes()).containsExactly(a.stepSizes());
    assertThat(other.draws()[0]).isNotEqualTo(a.draws()[0]);
  }

  @Test
  void chainsDifferFromEachOther() {
    GaussianTarget t = GaussianTarget.diagonal(new double[] {0}, new double[] {1});
    HmcResult r = Nuts.sample(t, new HmcConfig(2, 100, 200, 7L, 10, 0.8));
    assertThat(r.draws()[0][0]).isNotEqualTo(r.draws()[100][0]);
    assertThat(r.stepSizes()).hasSize(2);
  }

  @Test
  void reportsProgressInIncreasingStepsUpToTheTotal() {
    GaussianTarget t = GaussianTarget.diagonal(new double[] {0, 0}, new double[] {1, 1});
    List<Integer> seen = new ArrayList<>();
    List<Integer> totals = new ArrayList<>();
    Nuts.sample(t, new HmcConfig(2, 150, 200, 1L, 10, 0.8), (it, total, loss, secs) -> {
      assertThat(loss).isNaN();
      seen.add(it);
      totals.add(total);
    });
    assertThat(seen).isSorted().contains(100, 500);
    assertThat(seen.get(seen.size() - 1)).isEqualTo(500);
    assertThat(totals).containsOnly(500);
  }

  @Test
  void higherTargetAcceptGivesSmallerSteps() {
    GaussianTarget t = GaussianTarget.diagonal(new double[] {0, 0, 0}, new double[] {1, 1, 1});
    HmcResult low = Nuts.sample(t, new HmcConfig(1, 500, 100, 3L, 10, 0.6));
    HmcResult high = Nuts.sample(t, new HmcConfig(1, 500, 100, 3L, 10, 0.95));
    assertThat(high.stepSizes()[0]).isLessThan(low.stepSizes()[0]);
  }

  @Test
  void rejectsTargetWhoseNamesDoNotMatchItsDimension() {
    GaussianTarget g = GaussianTarget.diagonal(new double[] {0, 0}, new double[] {1, 1});
    Target bad = new TestTarget(2) {
      @Override public List<String> parameterNames() {
        return List.of("a");
      }

      @Override public double logDensity(double[] x) {
        return g.logDensity(x);
      }

      @Override public double[] gradLogDensity(double[] x) {
        return g.gradLogDensity(x);
      }
    };
    assertThatThrownBy(() -> Nuts.sample(bad, HmcConfig.DEFAULT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 names but target.dim() is 2");
  }
}
