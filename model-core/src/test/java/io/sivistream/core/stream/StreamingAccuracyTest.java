package io.sivistream.core.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sivistream.core.accuracy.SharedData;
import io.sivistream.core.critic.CriticConfig;
import io.sivistream.core.data.Dataset;
import io.sivistream.core.eval.Discrepancy;
import io.sivistream.core.family.FamilyConfig;
import io.sivistream.core.target.LogisticRegression;
import io.sivistream.core.target.NormalPrior;
import io.sivistream.core.train.TrainConfig;
import org.junit.jupiter.api.Test;

/**
 * The streaming issue's acceptance checks with the default stream settings: the conjugate stream
 * (20 windows of 250 rows) against the closed-form posterior, with and without drift, and the
 * waveform data fed as 10 windows of 40 rows against Stan NUTS on all 400 rows (committed fixture).
 */
class StreamingAccuracyTest {

  private static double[] errors(ConjugateStreams s, double lambda, WindowResult last) {
    double[][] exact = s.exact(250, lambda);
    double meanError = 0;
    double logSd = 0;
    for (int j = 0; j < 5; j++) {
      double sd = Math.sqrt(exact[1 + j][j]);
      meanError = Math.max(meanError, Math.abs(last.summary().stats().mean()[j] - exact[0][j]) / sd);
      logSd = Math.max(logSd, Math.abs(Math.log(last.summary().stats().sd()[j] / sd)));
    }
    return new double[] {meanError, logSd};
  }

  private static double[] run(boolean drift, double lambda, long seed) {
    ConjugateStreams s = new ConjugateStreams(5000, drift ? 2500 : -1, seed);
    StreamConfig d = StreamConfig.DEFAULT;
    StreamConfig config = new StreamConfig(StreamConfig.Mode.RECURSIVE, lambda, 250, 0, d.iterationsPerWindow(),
        d.firstWindowIterations(), d.slidingWindows(), d.prior(), d.priorDraws(), d.summaryDraws(), d.retainRowsPerParameter());
    StreamingUpdate update = new StreamingUpdate(s.model(config, seed));
    PosteriorState state = null;
    WindowResult r = null;
    for (int w = 0; w < 20; w++) {
      r = update.apply(state, s.data.slice(w * 250, (w + 1) * 250));
      state = r.state();
    }
    double[] e = errors(s, lambda, r);
    System.out.printf("conjugate stream lambda=%.1f drift=%s: max mean err %.3f sd, max |log sd ratio| %.3f%n",
        lambda, drift, e[0], e[1]);
    return e;
  }

  @Test
  void conjugateStreamEndsAtTheExactPosterior() {
    double[] e = run(false, 1.0, 11);
    assertThat(e[0]).as("max |mean - exact| / exact sd").isLessThan(0.2);
    assertThat(e[1]).as("max |log(sd / exact sd)|").isLessThan(0.15);
  }

  @Test
  void driftingStreamFollowsTheExactTemperedRecursion() {
    double[] e = run(true, 0.7, 12);
    assertThat(e[0]).as("max |mean - exact| / exact sd").isLessThan(0.2);
    assertThat(e[1]).as("max |log(sd / exact sd)|").isLessThan(0.15);
  }

  /**
   * Streams {@code data} in windows of {@code rows} with the default settings (prior auto, no
   * minimum row retention) and compares the last window's posterior (4,000 draws) with the Stan
   * reference on all rows.
   */
  private static Discrepancy streamAgainstStan(Dataset data, int rows, String reference) {
    double[][] nuts = StanReference.load(reference).draws();
    StreamConfig d = StreamConfig.DEFAULT;
    StreamConfig config = new StreamConfig(StreamConfig.Mode.RECURSIVE, 1.0, rows, 0, d.iterationsPerWindow(),
        d.firstWindowIterations(), d.slidingWindows(), d.prior(), d.priorDraws(), d.summaryDraws(), d.retainRowsPerParameter());
    ModelDefinition model = new ModelDefinition(data.featureNames(),
        r -> new LogisticRegression(r.features(), r.labels(), data.featureNames()),
        NormalPrior.isotropic(data.width(), 10), FamilyConfig.DEFAULT, CriticConfig.DEFAULT, TrainConfig.DEFAULT, config);
    StreamingUpdate update = new StreamingUpdate(model);
    PosteriorState state = null;
    WindowResult r = null;
    for (int w = 0; w < data.rows() / rows; w++) {
      r = update.apply(state, data.slice(w * rows, (w + 1) * rows));
      state = r.state();
    }
    Discrepancy disc = Discrepancy.compare(r.posterior().sample(4000, 5), nuts);
    System.out.printf("%s streamed in windows of %d rows vs Stan NUTS on all rows: %s (last window: next prior %s, mode gap %.3f)%n",
        reference, rows, disc, r.summary().nextPrior().kind().wireName(), r.summary().nextPrior().modeGap());
    return disc;
  }

  /** Stan's NUTS on the same 400 rows (reference/waveform_train.txt: R-hat 1.0001, 10,000 draws). */
  @Test
  void waveformStreamedInSmallWindowsMatchesNutsOnAllRows() {
    Discrepancy disc = streamAgainstStan(SharedData.waveformTrain(), 40, "waveform_train");
    assertThat(disc.energyDistance()).isLessThan(0.05);
    assertThat(disc.maxMeanError()).isLessThan(0.2);
    assertThat(disc.maxLogSdRatio()).isLessThan(0.15);
  }

  @Test
  void waveformStreamedInTwentyRowWindowsMatchesNutsOnAllRows() {
    Discrepancy disc = streamAgainstStan(SharedData.waveformTrain(), 20, "waveform_train");
    assertThat(disc.energyDistance()).isLessThan(0.08);
    assertThat(disc.maxMeanError()).isLessThan(0.25);
  }

  /** Rows 2,001-4,000 of waveform_test.csv, windows of 50 (reference/waveform_test_2001_4000.txt). */
  @Test
  void twoThousandWaveformRowsInWindowsOfFiftyMatchNutsOnAllRows() {
    Discrepancy disc = streamAgainstStan(StanReference.rows("waveform_test_2001_4000_rows"), 50, "waveform_test_2001_4000");
    assertThat(disc.energyDistance()).isLessThan(0.05);
    assertThat(disc.maxMeanError()).isLessThan(0.2);
  }
}
