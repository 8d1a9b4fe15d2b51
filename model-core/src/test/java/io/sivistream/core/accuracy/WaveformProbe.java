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
  private static TrainConfig decayed(TrainConfig t) {
    int every = Integer.getInteger("decayEvery", t.lrDecayEvery());
    return new TrainConfig(t.iterations(), Integer.getInteger("batch", t.batch()), t.dataBatch(), t.seed(), Double.parseDouble(System.getProperty("familyLr", "" + t.familyLr())), Double.parseDouble(System.getProperty("criticLr", "" + t.criticLr())), every,
        t.lrDecayFactor(), Double.parseDouble(System.getProperty("scoreShift", "" + t.scoreShift())),
        Integer.getInteger("shiftIters", t.scoreShiftIterations()), t.annealIterations(), 0, Boolean.getBoolean("baseline"));
  }

  public static void main(String[] a) {
    Target target = Models.build("logistic-regression", SharedData.waveformTrain(), new double[] {10}, 0);
    HmcResult reference = Nuts.sample(target, new HmcConfig(4, 1000, 20000, 101, 10, 0.8), ProgressListener.NONE);
    int it = Integer.parseInt(a[0]);
    double[] sr0 = io.sivistream.core.summary.DrawSummary.of(target.parameterNames(), reference.draws()).sd();
    double[] ss = SiviSm.start(target, 1).sd();
    double[] sl = io.sivistream.core.train.LaplaceStart.of(target).sd();
    StringBuilder b0 = new StringBuilder("start sd ratios:");
    StringBuilder b1 = new StringBuilder("laplace sd ratios:");
    for (int j = 0; j < ss.length; j++) {
      b0.append(String.format(" %.2f", ss[j] / sr0[j]));
      b1.append(String.format(" %.2f", sl[j] / sr0[j]));
    }
    System.out.println(b0);
    System.out.println(b1);
    for (int i = 1; i < a.length; i++) {
      long seed = Long.parseLong(a[i]);
      FamilyConfig fam = new FamilyConfig(Integer.getInteger("latent", 0), java.util.List.of(Integer.getInteger("hidden", 100), Integer.getInteger("hidden", 100)),
          Boolean.getBoolean("condSigma"), Double.parseDouble(System.getProperty("initSigma", "0.5")),
          io.sivistream.core.nn.Activation.valueOf(System.getProperty("act", "RELU")));
      FitResult fit = SiviSm.fit(target, fam, CriticConfig.DEFAULT, decayed(TrainConfig.DEFAULT.withIterations(it).withSeed(seed)), ProgressListener.NONE);
      double[][] draws = fit.posterior().sample(4000, 2);
      Discrepancy d = Discrepancy.compare(draws, reference.draws());
      double[] sf = io.sivistream.core.summary.DrawSummary.of(target.parameterNames(), draws).sd();
      double[] sr = io.sivistream.core.summary.DrawSummary.of(target.parameterNames(), reference.draws()).sd();
      StringBuilder b = new StringBuilder("sd ratios:");
      for (int j = 0; j < sf.length; j++) {
        b.append(String.format(" %.2f", sf[j] / sr[j]));
      }
      System.out.println(b);
      System.out.printf("waveform it=%d seed=%d: %s in %.1f s%n", it, seed, d, fit.seconds());
    }
  }
}
