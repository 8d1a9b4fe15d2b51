package io.sivistream.core.accuracy;

import io.sivistream.core.critic.CriticConfig;
import io.sivistream.core.eval.Discrepancy;
import io.sivistream.core.family.FamilyConfig;
import io.sivistream.core.mcmc.HmcConfig;
import io.sivistream.core.mcmc.HmcResult;
import io.sivistream.core.mcmc.Nuts;
import io.sivistream.core.target.Models;
import io.sivistream.core.target.Target;
import io.sivistream.core.train.FitResult;
import io.sivistream.core.train.ProgressListener;
import io.sivistream.core.train.SiviSm;
import io.sivistream.core.train.TrainConfig;

/** Manual probe: args = iterations seeds...; waveform fit vs a 20,000-draw NUTS run. */
public final class WaveformProbe {
  public static void main(String[] a) {
    Target target = Models.build("logistic-regression", SharedData.waveformTrain(), new double[] {10}, 0);
    HmcResult reference = Nuts.sample(target, new HmcConfig(4, 1000, 20000, 101, 10, 0.8), ProgressListener.NONE);
    int it = Integer.parseInt(a[0]);
    for (int i = 1; i < a.length; i++) {
      long seed = Long.parseLong(a[i]);
      FitResult fit = SiviSm.fit(target, FamilyConfig.DEFAULT, CriticConfig.DEFAULT, TrainConfig.DEFAULT.withIterations(it).withSeed(seed), ProgressListener.NONE);
      Discrepancy d = Discrepancy.compare(fit.posterior().sample(4000, 2), reference.draws());
      System.out.printf("waveform it=%d seed=%d: %s in %.1f s%n", it, seed, d, fit.seconds());
    }
  }
}
