package io.sivistream.core.accuracy;

import static org.assertj.core.api.Assertions.assertThat;

import io.sivistream.core.critic.CriticConfig;
import io.sivistream.core.eval.Discrepancy;
import io.sivistream.core.family.FamilyConfig;
import io.sivistream.core.mcmc.HmcConfig;
import io.sivistream.core.mcmc.HmcResult;
import io.sivistream.core.mcmc.Nuts;
import io.sivistream.core.target.ExactSampler;
import io.sivistream.core.target.Models;
import io.sivistream.core.target.Target;
import io.sivistream.core.train.FitResult;
import io.sivistream.core.train.ProgressListener;
import io.sivistream.core.train.SiviSm;
import io.sivistream.core.train.TrainConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Batch fits with the default settings (the spec {model, prior: {sd: 10}, train: {seed: 1}})
 * against references: exact draws for the paper's 2-D targets, the project's own NUTS for the
 * waveform logistic regression.
 *
 * <p>The bounds are the engine issue's acceptance figures. docs/accuracy.md keeps the figures.
 */
class FitAccuracyTest {

  @Test
  void waveformLogisticRegressionIsCloseToNuts() {
    Target target = Models.build("logistic-regression", SharedData.waveformTrain(), new double[] {10}, 0);
    HmcResult reference = Nuts.sample(target, new HmcConfig(4, 1000, 8000, 11, 10, 0.8), ProgressListener.NONE);
    assertThat(reference.maxRhat()).isLessThan(1.01);
    FitResult fit = SiviSm.fit(target, FamilyConfig.DEFAULT, CriticConfig.DEFAULT, TrainConfig.DEFAULT, ProgressListener.NONE);
    Discrepancy d = Discrepancy.compare(fit.posterior().sample(4000, 2), reference.draws());
    System.out.println("waveform fit vs NUTS: " + d + " in " + fit.seconds() + " s");
    assertThat(fit.recoveries()).isZero();
    assertThat(d.energyDistance()).isLessThan(0.03);
    assertThat(d.maxMeanError()).isLessThan(0.15);
    assertThat(d.maxLogSdRatio()).isLessThan(0.10);
    assertThat(d.maxCorrError()).isLessThan(0.15);
  }

  @ParameterizedTest
  @CsvSource({"banana, 0.008", "multimodal, 0.008", "x-shaped, 0.008"})
  void paperTargetsAreCloseToExactDraws(String model, double maxEnergy) {
    Target target = Models.build(model, null, null, 0);
    FitResult fit = SiviSm.fit(target, FamilyConfig.DEFAULT, CriticConfig.DEFAULT, TrainConfig.DEFAULT, ProgressListener.NONE);
    double[][] exact = ((ExactSampler) target).sampleExact(4000, 17);
    Discrepancy d = Discrepancy.compare(fit.posterior().sample(4000, 3), exact);
    System.out.println(model + " fit vs exact: " + d + " in " + fit.seconds() + " s");
    assertThat(d.energyDistance()).isLessThan(maxEnergy);
  }
}
