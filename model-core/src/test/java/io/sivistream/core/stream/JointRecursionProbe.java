package io.sivistream.core.stream;

import io.sivistream.core.accuracy.SharedData;
import io.sivistream.core.critic.CriticConfig;
import io.sivistream.core.data.Dataset;
import io.sivistream.core.eval.Discrepancy;
import io.sivistream.core.family.FamilyConfig;
import io.sivistream.core.family.FittedPosterior;
import io.sivistream.core.family.SemiImplicitFamily;
import io.sivistream.core.family.LatentJointTarget;
import io.sivistream.core.target.LogisticRegression;
import io.sivistream.core.target.NormalPrior;
import io.sivistream.core.train.FitResult;
import io.sivistream.core.train.ProgressListener;
import io.sivistream.core.train.SiviSm;
import io.sivistream.core.train.TrainConfig;
import java.util.Arrays;

/** Recursion through the joint (z, x) target: args WINDOW_ROWS WINDOWS; -Diters, -Dseed. */
public final class JointRecursionProbe {
  public static void main(String[] args) throws Exception {
    Dataset data = SharedData.waveformTrain();
    int rows = Integer.parseInt(args[0]);
    int windows = Integer.parseInt(args[1]);
    int d = data.width();
    FamilyConfig fc = FamilyConfig.DEFAULT;
    int k = fc.resolveLatentDim(d);
    FamilyConfig joint = new FamilyConfig(k, fc.hidden(), false, fc.initialSigma(), fc.activation());
    SemiImplicitFamily marginal = new SemiImplicitFamily(d, data.featureNames(), joint);
    // p_0 = N(0, 10² I) as a family: skip a I, sigma sqrt(1 - a²), scale 10
    double[] p0 = new double[Math.toIntExact(marginal.paramCount())];
    int mlp = Math.toIntExact(marginal.paramCount() - (long) k * d - d);
    double a = 0.8;
    for (int c = 0; c < k; c++) {
      p0[mlp + c * d + c] = a;
    }
    Arrays.fill(p0, mlp + k * d, p0.length, Math.log(Math.sqrt(1 - a * a)));
    double[] ten = new double[d];
    Arrays.fill(ten, 10);
    FittedPosterior prev = new FittedPosterior(marginal, p0, new double[d], ten);
    NormalPrior base = NormalPrior.isotropic(d, 10);
    long seed = Long.getLong("seed", 1L);
    TrainConfig train = TrainConfig.DEFAULT.withSeed(seed);
    if (Integer.getInteger("iters") != null) {
      train = train.withIterations(Integer.getInteger("iters"));
    }
    long t0 = System.nanoTime();
    for (int w = 0; w < windows; w++) {
      Dataset win = data.slice(w * rows, (w + 1) * rows);
      LatentJointTarget target = new LatentJointTarget(prev, 1.0, base,
          new LogisticRegression(win.features(), win.labels(), data.featureNames()));
      long t1 = System.nanoTime();
      FitResult fit = SiviSm.fit(target, joint, CriticConfig.DEFAULT, train.withSeed(seed * 1000 + w), (it, total, loss, sec) -> { if (it % 1000 == 0) System.out.printf("  it %d %.1f s loss %.3g%n", it, sec, loss); });
      FittedPosterior f = (FittedPosterior) fit.posterior();
      double[] mp = LatentJointTarget.marginalParams(f.family(), f.params(), k, marginal);
      prev = new FittedPosterior(marginal, mp, Arrays.copyOfRange(f.center(), k, k + d), Arrays.copyOfRange(f.scale(), k, k + d));
      int n = (w + 1) * rows;
      double[][] jointDraws = f.sample(4000, 9);
      double[][] xPart = new double[4000][];
      for (int i = 0; i < 4000; i++) {
        xPart[i] = Arrays.copyOfRange(jointDraws[i], k, k + d);
      }
      Discrepancy slice = Discrepancy.compare(prev.sample(2000, 5), xPart);
      double[] sig = new double[d];
      for (int j = 0; j < d; j++) {
        sig[j] = Math.exp(mp[mp.length - d + j]);
      }
      Arrays.sort(sig);
      System.out.printf("  slice check E %.4f mean %.3f; sigma_x min %.3f med %.3f max %.3f; scale_x[0] %.3f%n",
          slice.energyDistance(), slice.maxMeanError(), sig[0], sig[d / 2], sig[d - 1], prev.scale()[0]);
      Discrepancy disc = Discrepancy.compare(prev.sample(2000, 5), WindowTraceProbe.reference(data, n));
      System.out.printf("w %2d rows %4d: E %.4f mean %.3f logsd %.3f corr %.3f | %d it %.1f s%n", w + 1, n,
          disc.energyDistance(), disc.maxMeanError(), disc.maxLogSdRatio(), disc.maxCorrError(), fit.iterations(),
          (System.nanoTime() - t1) / 1e9);
    }
    System.out.printf("total %.1f s%n", (System.nanoTime() - t0) / 1e9);
  }
}
