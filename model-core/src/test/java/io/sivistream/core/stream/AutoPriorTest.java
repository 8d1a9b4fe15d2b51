package io.sivistream.core.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sivistream.core.accuracy.SharedData;
import io.sivistream.core.critic.CriticConfig;
import io.sivistream.core.data.Dataset;
import io.sivistream.core.family.FamilyConfig;
import io.sivistream.core.target.LogisticRegression;
import io.sivistream.core.target.NormalPrior;
import io.sivistream.core.train.TrainConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What {@code stream.prior: auto} (the default) leaves as the next prior: the Laplace snapshot
 * once the published mean sits within {@link StreamingUpdate#AUTO_MAX_MODE_GAP} Laplace sds of
 * the target's mode, the rows until then, and the summary says which and by what gap.
 */
class AutoPriorTest {

  private static StreamConfig defaultsWithWindow(int rows) {
    StreamConfig d = StreamConfig.DEFAULT;
    return new StreamConfig(StreamConfig.Mode.RECURSIVE, 1.0, rows, 0, d.iterationsPerWindow(), d.firstWindowIterations(),
        d.slidingWindows(), d.prior(), d.priorDraws(), d.summaryDraws(), d.retainRowsPerParameter());
  }

  private static List<WindowResult> stream(StreamingUpdate update, Dataset data, int rows, int windows) {
    List<WindowResult> out = new ArrayList<>();
    PosteriorState state = null;
    for (int w = 0; w < windows; w++) {
      WindowResult r = update.apply(state, data.slice(w * rows, (w + 1) * rows));
      out.add(r);
      state = r.state();
    }
    return out;
  }

  /** A linear-Gaussian stream: the posterior is Gaussian, so its mean is its mode and the snapshot is exact. */
  @Test
  void aGaussianStreamGetsTheLaplaceSnapshot() {
    ConjugateStreams s = new ConjugateStreams(500, -1, 11);
    List<WindowResult> windows = stream(new StreamingUpdate(s.model(defaultsWithWindow(250), 3)), s.data, 250, 2);
    for (WindowResult r : windows) {
      NextPrior next = r.summary().nextPrior();
      assertThat(next.kind()).as("next prior of window %d", r.summary().version()).isEqualTo(NextPrior.Kind.LAPLACE);
      assertThat(next.modeGap()).isLessThanOrEqualTo(StreamingUpdate.AUTO_MAX_MODE_GAP);
      assertThat(r.state().retainedFeatures()).as("no rows kept beside the snapshot").isEmpty();
    }
  }

  /**
   * The waveform logistic regression in windows of 40 rows (22 coefficients, quasi-separated):
   * the mean sits 3-3.5 Laplace sds from the mode (measured), so auto keeps the rows.
   */
  @Test
  void aSkewedStreamKeepsItsRows() {
    Dataset data = SharedData.waveformTrain();
    StreamConfig config = defaultsWithWindow(40);
    ModelDefinition model = new ModelDefinition(data.featureNames(),
        r -> new LogisticRegression(r.features(), r.labels(), data.featureNames()),
        NormalPrior.isotropic(data.width(), 10), FamilyConfig.DEFAULT, CriticConfig.DEFAULT, TrainConfig.DEFAULT, config);
    List<WindowResult> windows = stream(new StreamingUpdate(model), data, 40, 2);
    for (WindowResult r : windows) {
      NextPrior next = r.summary().nextPrior();
      assertThat(next.kind()).as("next prior of window %d", r.summary().version()).isEqualTo(NextPrior.Kind.RETAINED_ROWS);
      assertThat(next.modeGap()).isGreaterThan(1.0);
      assertThat(r.state().nextPrior()).isEmpty();
    }
    assertThat(windows.get(1).state().retainedLabels().stream().mapToInt(l -> l.length).sum()).isEqualTo(80);
  }

  /** Another kind reports what it stored, and no gap (auto alone computes it). */
  @Test
  void otherKindsReportTheirSnapshotWithoutAGap() {
    ConjugateStreams s = new ConjugateStreams(250, -1, 11);
    StreamConfig d = defaultsWithWindow(250);
    StreamConfig laplace = new StreamConfig(d.mode(), d.forgetting(), 250, 0, d.iterationsPerWindow(), 300,
        d.slidingWindows(), StreamConfig.PriorKind.LAPLACE, d.priorDraws(), d.summaryDraws(), 0);
    NextPrior next = stream(new StreamingUpdate(s.model(laplace, 3)), s.data, 250, 1).get(0).summary().nextPrior();
    assertThat(next.kind()).isEqualTo(NextPrior.Kind.LAPLACE);
    assertThat(next.modeGap()).isNaN();
  }
}
