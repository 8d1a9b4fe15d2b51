package io.sivistream.core.accuracy;

import static org.assertj.core.api.Assertions.assertThat;

import io.sivistream.core.eval.Discrepancy;
import io.sivistream.core.mcmc.HmcConfig;
import io.sivistream.core.mcmc.HmcResult;
import io.sivistream.core.mcmc.Nuts;
import io.sivistream.core.summary.DrawSummary;
import io.sivistream.core.target.FormulaTarget;
import io.sivistream.core.train.FitResult;
import io.sivistream.core.train.ProgressListener;
import io.sivistream.core.train.SiviSm;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Formula models fitted from their specs (reference/brms/NAME.yaml, train.seed 1, every other
 * setting at its default) against brms' NUTS draws of the same model on the same data: issue 13's
 * acceptance bounds. docs/models.md keeps the measured figures.
 */
class FormulaAccuracyTest {

  /** Issue 13: energy distance (standardised by the reference sds) at most 0.02. */
  static final double MAX_ENERGY = 0.02;
  /** Issue 13: every posterior mean within 0.1 reference sd of brms'. */
  static final double MAX_MEAN_ERROR = 0.1;
  /** Issue 13: every posterior sd within 10% of brms'. */
  static final double MAX_SD_ERROR = 0.10;
  /** Issue 13: each fit within 60 s on the project's 2-core machine. */
  static final double MAX_SECONDS = 60;
  /** Draws of ours compared (issue 13); brms' are 10,000. */
  static final int DRAWS = 4000;
  static final long SAMPLE_SEED = 2;

  @ParameterizedTest
  @ValueSource(strings = {"gaussian_year", "negbinomial", "binomial", "bernoulli", "poisson", "eight_schools"})
  void fitIsCloseToBrms(String name) {
    BrmsReference ref = BrmsReference.load(name);
    FormulaTarget target = FormulaTarget.of(ref.spec().formula(), ref.data());
    assertThat(target.drawNames()).as("draw names as brms prints them").containsExactlyInAnyOrderElementsOf(ref.draws().names());
    FitResult fit = SiviSm.fit(target, ref.spec().family(), ref.spec().critic(), ref.spec().train(), ProgressListener.NONE);
    double[][] ours = target.toDraws(fit.posterior().sample(DRAWS, SAMPLE_SEED));
    assertThat(fit.recoveries()).isZero();
    assertThat(fit.seconds()).as("fit seconds").isLessThanOrEqualTo(MAX_SECONDS);
    assertClose(name + " fit (" + String.format(Locale.ROOT, "%.1f s", fit.seconds()) + ")", ours, target, ref);
  }

  /**
   * Models whose SIVI-SM fit does not meet the bounds yet (docs/models.md), through the project's
   * NUTS instead: that checks the target itself (likelihood, priors, non-centring, Jacobians,
   * names) against brms. radon: 89 parameters, 900 rows, 85 groups (the fit's transport path ends
   * far off in 100 s); student: the fit's ν has too heavy a right tail (its sd 4-226% high by the
   * sample seed). Not here: slopes ({@code (1 + x || g)}, 29 parameters), whose posterior under
   * our NUTS is 5-10% wider than brms' in every sd (open; docs/models.md).
   */
  @ParameterizedTest
  @ValueSource(strings = {"radon", "student"})
  void targetUnderNutsIsCloseToBrms(String name) {
    BrmsReference ref = BrmsReference.load(name);
    FormulaTarget target = FormulaTarget.of(ref.spec().formula(), ref.data());
    assertThat(target.drawNames()).containsExactlyInAnyOrderElementsOf(ref.draws().names());
    HmcResult nuts = Nuts.sample(target, NUTS, ProgressListener.NONE);
    assertThat(nuts.maxRhat()).isLessThan(1.01);
    assertClose(name + " NUTS", target.toDraws(nuts.draws()), target, ref);
  }

  /** 4 chains of 1,000 draws after 1,000 warm-up: bulk ESS about 1,800 or more on radon's slowest parameter. */
  static final HmcConfig NUTS = new HmcConfig(4, 1000, 4000, 3, 10, 0.8);

  private static void assertClose(String what, double[][] drawsInOurOrder, FormulaTarget target, BrmsReference ref) {
    double[][] ours = reorder(drawsInOurOrder, target.drawNames(), ref.draws().names());
    Discrepancy d = Discrepancy.compare(ours, ref.draws().draws());
    List<String> report = perParameter(ref.draws().names(), ours, ref.draws().draws());
    System.out.printf(Locale.ROOT, "%s vs brms: %s%n%s%n", what, d, String.join("\n", report));
    assertThat(d.energyDistance()).as(what + " energy distance").isLessThanOrEqualTo(MAX_ENERGY);
    assertThat(report).as(what + ": parameters outside the bounds").noneMatch(line -> line.endsWith("<-"));
  }

  /** The columns of {@code draws} (named {@code names}) in the order of {@code wanted}. */
  static double[][] reorder(double[][] draws, List<String> names, List<String> wanted) {
    int[] at = wanted.stream().mapToInt(names::indexOf).toArray();
    double[][] out = new double[draws.length][at.length];
    for (int i = 0; i < draws.length; i++) {
      for (int j = 0; j < at.length; j++) {
        out[i][j] = draws[i][at[j]];
      }
    }
    return out;
  }

  /** One line per parameter: mean error in reference sds and sd ratio, marked "<-" outside the bounds. */
  static List<String> perParameter(List<String> names, double[][] ours, double[][] ref) {
    DrawSummary s = DrawSummary.of(names, ours);
    DrawSummary r = DrawSummary.of(names, ref);
    List<String> lines = new ArrayList<>();
    for (int j = 0; j < names.size(); j++) {
      double meanErr = Math.abs(s.mean()[j] - r.mean()[j]) / r.sd()[j];
      double sdRatio = s.sd()[j] / r.sd()[j];
      boolean bad = meanErr > MAX_MEAN_ERROR || Math.abs(sdRatio - 1) > MAX_SD_ERROR;
      lines.add(String.format(Locale.ROOT, "  %-24s mean %10.4g (brms %10.4g, err %.3f sd)  sd %9.4g (brms %9.4g, ratio %.3f)%s",
          names.get(j), s.mean()[j], r.mean()[j], meanErr, s.sd()[j], r.sd()[j], sdRatio, bad ? "  <-" : ""));
    }
    return lines;
  }
}
