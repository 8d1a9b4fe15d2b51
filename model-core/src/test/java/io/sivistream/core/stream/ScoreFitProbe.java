package io.sivistream.core.stream;

import io.sivistream.core.accuracy.SharedData;
import io.sivistream.core.critic.CriticConfig;
import io.sivistream.core.data.Dataset;
import io.sivistream.core.family.FamilyConfig;
import io.sivistream.core.stream.prior.DsmConfig;
import io.sivistream.core.stream.prior.ScoreFit;
import io.sivistream.core.target.LogisticRegression;
import io.sivistream.core.target.NormalPrior;
import io.sivistream.core.target.PosteriorTarget;
import io.sivistream.core.train.TrainConfig;
import java.util.List;

/** Regression error of the score snapshot after the first window of 40 waveform rows, per setting. */
public final class ScoreFitProbe {
  public static void main(String[] args) {
    Dataset data = SharedData.waveformTrain().slice(0, 40);
    StreamConfig d = StreamConfig.DEFAULT;
    StreamConfig config = new StreamConfig(StreamConfig.Mode.RECURSIVE, 1.0, 40, 0, d.iterationsPerWindow(),
        d.firstWindowIterations(), d.slidingWindows(), StreamConfig.PriorKind.LAPLACE, d.priorDraws(), d.summaryDraws(), 0);
    ModelDefinition model = new ModelDefinition(data.featureNames(),
        r -> new LogisticRegression(r.features(), r.labels(), data.featureNames()),
        NormalPrior.isotropic(data.width(), 10), FamilyConfig.DEFAULT, CriticConfig.DEFAULT, TrainConfig.DEFAULT, config);
    WindowResult r = new StreamingUpdate(model).apply(null, data);
    PosteriorTarget target = new PosteriorTarget(NormalPrior.isotropic(data.width(), 10),
        new LogisticRegression(data.features(), data.labels(), data.featureNames()));
    for (String s : args) {
      String[] p = s.split(",");
      DsmConfig c = new DsmConfig(Integer.parseInt(p[0]), Integer.parseInt(p[1]),
          List.of(Integer.parseInt(p[2]), Integer.parseInt(p[2])), Double.parseDouble(p[3]), 1L);
      long t0 = System.nanoTime();
      ScoreFit.Fit f = ScoreFit.fit(r.posterior(), target, Integer.parseInt(p[4]), c);
      System.out.printf("%s: nonlinearity %.4f error %.4f (%d ms)%n", s, f.nonlinearity(), f.relativeError(),
          (System.nanoTime() - t0) / 1000000);
    }
  }
}
