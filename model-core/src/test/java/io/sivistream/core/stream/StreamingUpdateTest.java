package io.sivistream.core.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sivistream.core.critic.CriticConfig;
import io.sivistream.core.data.Dataset;
import io.sivistream.core.family.FamilyConfig;
import io.sivistream.core.target.LogisticRegression;
import io.sivistream.core.mcmc.HmcConfig;
import io.sivistream.core.mcmc.HmcResult;
import io.sivistream.core.mcmc.Nuts;
import io.sivistream.core.summary.DrawSummary;
import io.sivistream.core.target.NormalPrior;
import io.sivistream.core.target.PosteriorTarget;
import io.sivistream.core.train.ProgressListener;
import io.sivistream.core.train.TrainConfig;
import java.util.ArrayList;
import io.sivistream.core.stream.prior.GaussianPrior;
import io.sivistream.core.stream.prior.PriorCodec;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StreamingUpdateTest {

  private static final List<String> NAMES = List.of("intercept", "x1", "x2");

  private static Dataset logisticRows(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] a = new double[n][3];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      a[i][0] = 1;
      a[i][1] = rng.nextDouble() * 4 - 2;
      a[i][2] = rng.nextDouble() * 4 - 2;
      double p = 1 / (1 + Math.exp(-(0.5 + 1.0 * a[i][1] - 1.5 * a[i][2])));
      y[i] = rng.nextDouble() < p ? 1 : 0;
    }
    return new Dataset(NAMES, a, y, "test");
  }

  private static ModelDefinition small(StreamConfig.Mode mode, StreamConfig.PriorKind prior) {
    return small(mode, prior, mode == StreamConfig.Mode.RECURSIVE ? 0.9 : 1.0);
  }

  private static ModelDefinition small(StreamConfig.Mode mode, StreamConfig.PriorKind prior, double forgetting) {
    TrainConfig t = TrainConfig.DEFAULT;
    TrainConfig train = new TrainConfig(t.iterations(), 50, 0, 5, t.familyLr(), t.criticLr(), t.lrDecayEvery(),
        t.lrDecayFactor(), 0, 0, 0, 0, false);
    StreamConfig stream = new StreamConfig(mode, forgetting, 100, 0, 30, 60, 2,
        prior, 200, 300, 20);
    return new ModelDefinition(NAMES, rows -> new LogisticRegression(rows.features(), rows.labels(), NAMES),
        NormalPrior.isotropic(3, 5), new FamilyConfig(3, List.of(16), false, 0.5), new CriticConfig(List.of(16)),
        train, stream);
  }

  private static List<Object> run(ModelDefinition model, Dataset data) {
    StreamingUpdate update = new StreamingUpdate(model);
    PosteriorState state = null;
    List<Object> out = new ArrayList<>();
    for (int w = 0; w < 3; w++) {
      WindowResult r = update.apply(state, data.slice(w * 100, (w + 1) * 100));
      // a restored job continues from the decoded bytes: do the same here
      state = PosteriorStateCodec.decode(PosteriorStateCodec.encode(r.state()));
      out.add(PosteriorStateCodec.encode(r.state()));
      out.add(r.summary().stats());
      out.add(Double.doubleToLongBits(r.summary().diagnostics().finalLoss()));
      // as text: NaN gaps compare equal there, and the bits of the gap with it
      out.add(r.summary().nextPrior().kind() + " " + Double.doubleToLongBits(r.summary().nextPrior().modeGap()));
    }
    return out;
  }

  /** Two runs' state bytes, summaries, losses and next-prior choices, window by window. */
  private static void assertSameRuns(List<Object> first, List<Object> second) {
    for (int i = 0; i < first.size(); i++) {
      if (first.get(i) instanceof byte[] b) {
        assertThat((byte[]) second.get(i)).as("state bytes of window %d", i / 4 + 1).isEqualTo(b);
      } else {
        assertThat(second.get(i)).usingRecursiveComparison().isEqualTo(first.get(i));
      }
    }
  }

  /** Same state, rows and seed: bit-identical weights and summaries (what makes restores republish exactly). */
  @ParameterizedTest
  @EnumSource(StreamConfig.PriorKind.class)
  void updatesAreDeterministic(StreamConfig.PriorKind prior) {
    Dataset data = logisticRows(300, 3);
    List<Object> first = run(small(StreamConfig.Mode.RECURSIVE, prior), data);
    List<Object> second = run(small(StreamConfig.Mode.RECURSIVE, prior), data);
    assertSameRuns(first, second);
  }

  /**
   * auto without forgetting keeps the rows of these small windows (3 parameters, 100 rows, the
   * mean far from the mode) and starts each window from the previous shape: restores republish
   * exactly there too.
   */
  @Test
  void autoKeepingRowsIsDeterministic() {
    Dataset data = logisticRows(300, 3);
    List<Object> first = run(small(StreamConfig.Mode.RECURSIVE, StreamConfig.PriorKind.AUTO, 1.0), data);
    List<Object> second = run(small(StreamConfig.Mode.RECURSIVE, StreamConfig.PriorKind.AUTO, 1.0), data);
    assertThat((String) first.get(3)).as("the first window keeps its rows").startsWith("RETAINED_ROWS");
    assertSameRuns(first, second);
  }

  /**
   * A first window with many rows per parameter starts at its own Laplace approximation (Newton
   * from the origin) and needs only the per-window refinement, not the full cold fit: the summary
   * must still match a NUTS run on the same rows.
   */
  @Test
  void largeFirstWindowStartsAtItsLaplaceApproximation() {
    Dataset data = logisticRows(6000, 6);
    ModelDefinition small = small(StreamConfig.Mode.RECURSIVE, StreamConfig.PriorKind.LAPLACE);
    // 4,000 summary draws: the Monte Carlo error of a mean is then 0.016 sd, not 0.06
    ModelDefinition model = new ModelDefinition(NAMES, small.likelihood(), small.basePrior(), small.family(),
        small.critic(), small.train(), new StreamConfig(StreamConfig.Mode.RECURSIVE, 1.0, 0, 1, 200, 300, 2,
            StreamConfig.PriorKind.LAPLACE, 200, 4000, 20));
    WindowResult r = new StreamingUpdate(model).apply(null, data);
    assertThat(r.summary().diagnostics().iterations()).isEqualTo(model.stream().iterationsPerWindow());

    PosteriorTarget exact = new PosteriorTarget(NormalPrior.isotropic(3, 5),
        new LogisticRegression(data.features(), data.labels(), NAMES));
    HmcResult reference = Nuts.sample(exact, new HmcConfig(2, 500, 4000, 3, 10, 0.8), ProgressListener.NONE);
    DrawSummary nuts = DrawSummary.of(NAMES, reference.draws());
    DrawSummary fit = r.summary().stats();
    for (int j = 0; j < 3; j++) {
      assertThat(Math.abs(fit.mean()[j] - nuts.mean()[j]) / nuts.sd()[j]).as("mean error of %s", NAMES.get(j))
          .isLessThan(0.15);
      assertThat(Math.abs(Math.log(fit.sd()[j] / nuts.sd()[j]))).as("log sd ratio of %s", NAMES.get(j))
          .isLessThan(0.15);
    }
    // the snapshot is taken at once (6000 rows >= 20 per parameter)
    assertThat(r.state().nextPrior()).isNotEmpty();
  }

  @Test
  void slidingModeRetainsTheLastWindowsAndCountsRows() {
    Dataset data = logisticRows(300, 4);
    StreamingUpdate update = new StreamingUpdate(small(StreamConfig.Mode.SLIDING, StreamConfig.PriorKind.GAUSSIAN));
    PosteriorState state = null;
    WindowResult r = null;
    for (int w = 0; w < 3; w++) {
      r = update.apply(state, data.slice(w * 100, (w + 1) * 100));
      state = r.state();
    }
    assertThat(state.retainedFeatures()).hasSize(2);
    assertThat(state.retainedFeatures().get(1)[0]).containsExactly(data.features()[200]);
    assertThat(state.nextPrior()).isEmpty();
    assertThat(r.summary().version()).isEqualTo(3);
    assertThat(r.summary().rowsTotal()).isEqualTo(300);
    assertThat(r.summary().rowsInWindow()).isEqualTo(100);
    for (double sd : r.summary().stats().sd()) {
      assertThat(sd).isPositive().isFinite();
    }
  }
  /**
   * A window the job kept as a uniform sample (100 of 300 rows, each standing for 3): its
   * likelihood is rescaled to the true count, so its Laplace snapshot is the one of the same rows
   * counted three times, and the summary reports both counts. Also when rows of an earlier window
   * were still kept unweighted: they become part of the sampled window's prior.
   */
  @Test
  void aSampledWindowCountsAsTheRowsItStandsFor() {
    Dataset rows = logisticRows(100, 5);
    Dataset tripled = thrice(rows);
    StreamingUpdate update = new StreamingUpdate(small(StreamConfig.Mode.RECURSIVE, StreamConfig.PriorKind.LAPLACE));

    WindowResult sampled = update.apply(null, rows, 300);
    WindowResult exact = update.apply(null, tripled);
    assertThat(sampled.summary().rowsInWindow()).isEqualTo(300);
    assertThat(sampled.summary().sampledRows()).isEqualTo(100);
    assertThat(sampled.summary().rowsTotal()).isEqualTo(300);
    assertThat(exact.summary().sampledRows()).isZero();
    assertSameLaplaceSnapshot(sampled.state(), exact.state());

    // 40 rows are kept after the first window (fewer than 20 per parameter): then a sampled one
    Dataset first = logisticRows(40, 6);
    PosteriorState kept = update.apply(null, first).state();
    assertThat(kept.retainedFeatures()).hasSize(1);
    WindowResult second = update.apply(kept, rows, 300);
    WindowResult secondExact = update.apply(kept, tripled);
    assertThat(second.state().retainedFeatures()).isEmpty();
    assertThat(second.summary().rowsTotal()).isEqualTo(340);
    assertSameLaplaceSnapshot(second.state(), secondExact.state());
  }

  private static void assertSameLaplaceSnapshot(PosteriorState a, PosteriorState b) {
    GaussianPrior pa = (GaussianPrior) PriorCodec.decode(a.nextPrior());
    GaussianPrior pb = (GaussianPrior) PriorCodec.decode(b.nextPrior());
    assertThat(pa.mean()).containsExactly(pb.mean(), within(1e-6));
    for (int i = 0; i < pa.dim(); i++) {
      assertThat(pa.cov()[i]).containsExactly(pb.cov()[i], within(1e-6));
    }
  }

  private static Dataset thrice(Dataset d) {
    int n = d.rows();
    double[][] f = new double[3 * n][];
    double[] y = new double[3 * n];
    for (int i = 0; i < 3 * n; i++) {
      f[i] = d.features()[i % n];
      y[i] = d.labels()[i % n];
    }
    return new Dataset(d.featureNames(), f, y, "tripled");
  }
}
