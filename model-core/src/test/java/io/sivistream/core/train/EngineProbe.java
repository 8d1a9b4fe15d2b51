package io.sivistream.core.train;

import io.sivistream.core.critic.CriticConfig;
import io.sivistream.core.family.FamilyConfig;

/** Manual experiment: fit a correlated Gaussian and print moments and speed. Not a test. */
public final class EngineProbe {
  public static void main(String[] args) {
    int d = Integer.parseInt(args.length > 0 ? args[0] : "5");
    int iters = Integer.parseInt(args.length > 1 ? args[1] : "3000");
    double[] mean = new double[d];
    double[][] cov = new double[d][d];
    for (int i = 0; i < d; i++) {
      mean[i] = 3.0 * (i % 3) - 2;
      for (int j = 0; j < d; j++) {
        cov[i][j] = (i == j ? 1.0 : 0.8) * (0.5 + i * 0.3) * (0.5 + j * 0.3);
      }
    }
    double[][] prec = Linalg.inverseSpd(cov);
    GaussianTestTarget t = new GaussianTestTarget(mean, prec);
    FitResult r = SiviSm.fit(t, FamilyConfig.DEFAULT, CriticConfig.DEFAULT, TrainConfig.DEFAULT.withIterations(iters),
        (i, n, l, s) -> { if (i % 1000 == 0) System.out.printf("it %d loss %.4f %.1f it/s%n", i, l, i / s); });
    System.out.printf("iterations %d in %.1fs (%.0f it/s), loss %.4f, recoveries %d%n", r.iterations(), r.seconds(), r.iterations() / r.seconds(), r.finalLoss(), r.recoveries());
    double[][] draws = r.posterior().sample(4000, 2);
    double worstMean = 0, worstSd = 0, worstCorr = 0;
    double[] m = new double[d], s = new double[d];
    for (double[] x : draws) for (int j = 0; j < d; j++) m[j] += x[j] / draws.length;
    for (double[] x : draws) for (int j = 0; j < d; j++) s[j] += (x[j] - m[j]) * (x[j] - m[j]) / (draws.length - 1);
    for (int j = 0; j < d; j++) {
      double sd = Math.sqrt(cov[j][j]);
      worstMean = Math.max(worstMean, Math.abs(m[j] - mean[j]) / sd);
      worstSd = Math.max(worstSd, Math.abs(Math.log(Math.sqrt(s[j]) / sd)));
    }
    for (int i = 0; i < d; i++) for (int j = 0; j < i; j++) {
      double c = 0;
      for (double[] x : draws) c += (x[i] - m[i]) * (x[j] - m[j]) / (draws.length - 1);
      c /= Math.sqrt(s[i] * s[j]);
      worstCorr = Math.max(worstCorr, Math.abs(c - cov[i][j] / Math.sqrt(cov[i][i] * cov[j][j])));
    }
    System.out.printf("max mean err %.3f sd, max |log sd ratio| %.3f, max corr err %.3f%n", worstMean, worstSd, worstCorr);
  }
}
