package io.sivistream.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.sivistream.core.target.Banana;
import io.sivistream.core.target.Models;
import io.sivistream.core.target.Target;
import io.sivistream.core.data.Dataset;
import org.junit.jupiter.api.Test;

/** What a batch fit fills in for settings left at their defaults, and that set values are kept. */
class SiviSmScheduleTest {

  @Test
  void curvedTargetsGetTheLongTransportRun() {
    TrainConfig t = SiviSm.schedule(new Banana(), TrainConfig.DEFAULT);
    assertThat(t.familyGradient()).isEqualTo(FamilyGradient.TRANSPORT);
    assertThat(t.iterations()).isEqualTo(SiviSm.TRANSPORT_ITERATIONS);
    assertThat(t.lrDecayEvery()).isEqualTo(SiviSm.TRANSPORT_DECAY_EVERY);
    assertThat(t.batch()).isEqualTo(SiviSm.TRANSPORT_BATCH);
    assertThat(t.scoreShift()).isEqualTo(1.0);
    assertThat(t.scoreShiftIterations()).isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void settingsTheUserChoseAreKept() {
    TrainConfig mine = TrainConfig.DEFAULT.withIterations(500).withLrDecayEvery(100).withScoreShift(0.5, 50).withBatch(64);
    TrainConfig t = SiviSm.schedule(new Banana(), mine);
    assertThat(t).isEqualTo(mine.withFamilyGradient(FamilyGradient.TRANSPORT));
    TrainConfig fisher = TrainConfig.DEFAULT.withFamilyGradient(FamilyGradient.FISHER);
    assertThat(SiviSm.schedule(new Banana(), fisher)).isEqualTo(fisher);
  }

  @Test
  void aResolvedScheduleIsTakenLiterally() {
    TrainConfig resolved = SiviSm.schedule(new Banana(), TrainConfig.DEFAULT);
    assertThat(SiviSm.schedule(new Banana(), resolved)).isEqualTo(resolved);
    // an explicit 4,000 after resolving stays 4,000 (the fit command's --iterations)
    TrainConfig overridden = resolved.withIterations(TrainConfig.DEFAULT.iterations());
    assertThat(SiviSm.schedule(new Banana(), overridden).iterations()).isEqualTo(TrainConfig.DEFAULT.iterations());
  }

  @Test
  void logConcaveTargetsTakeTheFisherStep() {
    Dataset data = new Dataset(java.util.List.of("x"), new double[][] {{0.5}, {-1.0}, {2.0}}, new double[] {1, 0, 1}, "test");
    Target target = Models.build("logistic-regression", data, new double[] {10}, 0);
    TrainConfig t = SiviSm.schedule(target, TrainConfig.DEFAULT);
    assertThat(t.familyGradient()).isEqualTo(FamilyGradient.FISHER);
    assertThat(t.iterations()).isEqualTo(TrainConfig.DEFAULT.iterations());
    assertThat(t.batch()).isEqualTo(TrainConfig.DEFAULT.batch());
    assertThat(t.lrDecayEvery()).isEqualTo(SiviSm.LOG_CONCAVE_DECAY_EVERY);
    TrainConfig transport = TrainConfig.DEFAULT.withFamilyGradient(FamilyGradient.TRANSPORT);
    assertThat(SiviSm.schedule(target, transport).familyGradient()).isEqualTo(FamilyGradient.TRANSPORT);
  }

  /**
   * Log-concave but far from Gaussian (the waveform posterior at 80 rows, 3.6 per coefficient,
   * where the fisher step ended 3.3 sd off NUTS): auto takes the transport step; at 400 rows,
   * where the fisher step is the better one, it keeps it.
   */
  @Test
  void aLogConcavePosteriorFarFromItsGaussianTakesTheTransportStep() {
    Dataset waveform = io.sivistream.core.accuracy.SharedData.waveformTrain();
    double[] sds = new double[waveform.width()];
    java.util.Arrays.fill(sds, 10);
    Target few = Models.build("logistic-regression", waveform.slice(0, 80), sds, 0);
    Target many = Models.build("logistic-regression", waveform.slice(0, 400), sds, 0);
    assertThat(SiviSm.gaussianShift(few, 1)).isGreaterThan(SiviSm.FAR_FROM_GAUSSIAN_SHIFT);
    assertThat(SiviSm.schedule(few, TrainConfig.DEFAULT).familyGradient())
        .isEqualTo(FamilyGradient.TRANSPORT);
    assertThat(SiviSm.gaussianShift(many, 1)).isLessThan(SiviSm.FAR_FROM_GAUSSIAN_SHIFT);
    assertThat(SiviSm.schedule(many, TrainConfig.DEFAULT).familyGradient())
        .isEqualTo(FamilyGradient.FISHER);
  }
}
