package io.sivistream.core.stream;

import io.sivistream.core.accuracy.SharedData;
import io.sivistream.core.critic.CriticConfig;
import io.sivistream.core.data.Dataset;
import io.sivistream.core.eval.Discrepancy;
import io.sivistream.core.family.FamilyConfig;
import io.sivistream.core.mcmc.HmcConfig;
import io.sivistream.core.mcmc.HmcResult;
import io.sivistream.core.mcmc.Nuts;
import io.sivistream.core.target.LogisticRegression;
import io.sivistream.core.target.Models;
import io.sivistream.core.target.NormalPrior;
import io.sivistream.core.train.ProgressListener;
import io.sivistream.core.train.TrainConfig;

/**
 * The waveform streaming check of docs/streaming.md by hand, for each prior kind: args = kind...;
 * 10 windows of 40 rows against NUTS (4 x 8,000 draws) on all 400 rows.
 */
public final class WaveformStreamProbe {
  public static void main(String[] args) {
    Dataset data = SharedData.waveformTrain();
    HmcResult reference = Nuts.sample(Models.build("logistic-regression", data, new double[] {10}, 0),
        new HmcConfig(4, 1000, 8000, 11, 10, 0.8), ProgressListener.NONE);
    for (String kind : args) {
      StreamConfig d = StreamConfig.DEFAULT;
      StreamConfig config = new StreamConfig(StreamConfig.Mode.RECURSIVE, 1.0, 40, 0, d.iterationsPerWindow(),
          d.firstWindowIterations(), d.slidingWindows(), StreamConfig.PriorKind.parse(kind), d.priorDraws(), d.summaryDraws(),
          Integer.getInteger("retain", d.retainRowsPerParameter()));
      ModelDefinition model = new ModelDefinition(data.featureNames(),
          rows -> new LogisticRegression(rows.features(), rows.labels(), data.featureNames()),
          NormalPrior.isotropic(data.width(), 10), FamilyConfig.DEFAULT, CriticConfig.DEFAULT, TrainConfig.DEFAULT, config);
      StreamingUpdate update = new StreamingUpdate(model);
      PosteriorState state = null;
      WindowResult r = null;
      long t0 = System.nanoTime();
      for (int w = 0; w < 10; w++) {
        r = update.apply(state, data.slice(w * 40, (w + 1) * 40));
        state = r.state();
      }
      Discrepancy disc = Discrepancy.compare(r.posterior().sample(4000, 5), reference.draws());
      System.out.printf("waveform 10 x 40 rows, %s: %s in %.1f s%n", kind, disc, (System.nanoTime() - t0) / 1e9);
    }
  }
}
