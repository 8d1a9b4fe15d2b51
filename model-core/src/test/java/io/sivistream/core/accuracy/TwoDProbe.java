package io.sivistream.core.accuracy;

import io.sivistream.core.critic.CriticConfig;
import io.sivistream.core.eval.Discrepancy;
import io.sivistream.core.family.FamilyConfig;
import io.sivistream.core.target.ExactSampler;
import io.sivistream.core.target.Models;
import io.sivistream.core.target.Target;
import io.sivistream.core.train.FitResult;
import io.sivistream.core.train.ProgressListener;
import io.sivistream.core.train.SiviSm;
import io.sivistream.core.train.TrainConfig;

/** Manual probe: args = model iterations [seed] [lrDecayEvery]; prints the discrepancy to exact draws. */
public final class TwoDProbe {
  public static void main(String[] a) {
    Target target = Models.build(a[0], null, null, 0);
    int it = Integer.parseInt(a[1]);
    long seed = a.length > 2 ? Long.parseLong(a[2]) : 1;
    TrainConfig t = TrainConfig.DEFAULT.withIterations(it).withSeed(seed);
    if (a.length > 3) {
      int every = Integer.parseInt(a[3]);
      t = new TrainConfig(it, t.batch(), t.dataBatch(), seed, t.familyLr(), t.criticLr(), every, t.lrDecayFactor(),
          t.scoreShift(), t.scoreShiftIterations(), t.annealIterations(), 0, false);
    }
    t = new TrainConfig(it, Integer.getInteger("batch", t.batch()), t.dataBatch(), seed,
        Double.parseDouble(System.getProperty("familyLr", "" + t.familyLr())),
        Double.parseDouble(System.getProperty("criticLr", "" + t.criticLr())), t.lrDecayEvery(), t.lrDecayFactor(),
        Double.parseDouble(System.getProperty("scoreShift", "" + t.scoreShift())),
        Integer.getInteger("shiftIters", t.scoreShiftIterations()),
        Integer.getInteger("anneal", t.annealIterations()), 0, Boolean.getBoolean("baseline"));
    int h = Integer.getInteger("hidden", 100);
    int ch = Integer.getInteger("criticHidden", 256);
    FamilyConfig fam = new FamilyConfig(Integer.getInteger("latent", 0), java.util.List.of(h, h), false,
        Double.parseDouble(System.getProperty("initSigma", "0.5")));
    CriticConfig cc = new CriticConfig(java.util.List.of(ch, ch), io.sivistream.core.nn.Activation.RELU);
    FitResult fit = SiviSm.fit(target, fam, cc, t, ProgressListener.NONE);
    double[][] exact = ((ExactSampler) target).sampleExact(4000, 17);
    double[][] fitted = fit.posterior().sample(4000, 3);
    Discrepancy d = Discrepancy.compare(fitted, exact);
    String dump = System.getProperty("dump");
    if (dump != null) {
      try (java.io.PrintWriter w = new java.io.PrintWriter(dump)) {
        for (double[] r : fitted) {
          w.println(r[0] + "," + r[1]);
        }
      } catch (java.io.IOException ex) {
        throw new RuntimeException(ex);
      }
    }
    System.out.printf("%s it=%d seed=%d: %s in %.1f s%n", a[0], it, seed, d, fit.seconds());
  }
}
