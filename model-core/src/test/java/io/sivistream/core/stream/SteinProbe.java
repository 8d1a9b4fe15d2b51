package io.sivistream.core.stream;

import io.sivistream.core.accuracy.SharedData;
import io.sivistream.core.critic.CriticConfig;
import io.sivistream.core.data.Dataset;
import io.sivistream.core.family.FamilyConfig;
import io.sivistream.core.family.FittedPosterior;
import io.sivistream.core.stream.prior.SemiImplicitPrior;
import io.sivistream.core.target.LogisticRegression;
import io.sivistream.core.target.NormalPrior;
import io.sivistream.core.train.TrainConfig;
import org.nd4j.linalg.factory.Nd4j;

/** Stein identity E_q[s(x) (x - m)ᵀ] = -I for the semi-implicit score of a fitted family: args ROWS. */
public final class SteinProbe {
  public static void main(String[] args) {
    Dataset data = SharedData.waveformTrain();
    int rows = Integer.parseInt(args[0]);
    StreamConfig d = StreamConfig.DEFAULT;
    StreamConfig config = new StreamConfig(StreamConfig.Mode.RECURSIVE, 1.0, rows, 0, 200,
        d.firstWindowIterations(), d.slidingWindows(), StreamConfig.PriorKind.SEMI_IMPLICIT, d.priorDraws(), d.summaryDraws(), 0);
    ModelDefinition model = new ModelDefinition(data.featureNames(),
        r -> new LogisticRegression(r.features(), r.labels(), data.featureNames()),
        NormalPrior.isotropic(data.width(), 10), FamilyConfig.DEFAULT, CriticConfig.DEFAULT, TrainConfig.DEFAULT, config);
    StreamingUpdate u = new StreamingUpdate(model);
    WindowResult r = u.apply(null, data.slice(0, rows));
    check(r.posterior());
    int windows = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    for (int w = 1; w < windows; w++) {
      r = u.apply(r.state(), data.slice(w * rows, (w + 1) * rows));
      System.out.printf("window %d: sigma min %.4f%n", w + 1, java.util.Arrays.stream(r.posterior().params())
          .skip(r.posterior().params().length - 22).map(Math::exp).min().getAsDouble());
      check(r.posterior());
    }
  }

  static void check(FittedPosterior q) {
    int n = 4000;
    int dim = q.dim();
    double[][] x = q.sample(n, 9);
    double[] m = new double[dim];
    for (double[] xi : x) for (int j = 0; j < dim; j++) m[j] += xi[j] / n;
    for (int[] cfg : new int[][] {{8, 3}, {32, 5}, {128, 10}}) {
      SemiImplicitPrior sp = new SemiImplicitPrior(q, cfg[0], cfg[1], 3);
      double[][] stein = new double[dim][dim];
      double[] meanScore = new double[dim];
      for (int b = 0; b < n; b += 200) {
        double[][] chunk = java.util.Arrays.copyOfRange(x, b, b + 200);
        double[] s = sp.scoreAt(Nd4j.createFromArray(chunk)).score().dup().data().asDouble();
        for (int i = 0; i < 200; i++) {
          for (int a = 0; a < dim; a++) {
            meanScore[a] += s[i * dim + a] / n;
            for (int c = 0; c < dim; c++) {
              stein[a][c] += s[i * dim + a] * (chunk[i][c] - m[c]) / n;
            }
          }
        }
      }
      double diag = 0, off = 0, ms = 0;
      for (int a = 0; a < dim; a++) {
        diag = Math.max(diag, Math.abs(stein[a][a] + 1));
        for (int c = 0; c < dim; c++) if (c != a) off = Math.max(off, Math.abs(stein[a][c]));
        ms = Math.max(ms, Math.abs(meanScore[a]) * q.scale()[a]);
      }
      var est = new io.sivistream.core.family.ReverseConditional(q.family(), q.params(), cfg[0], cfg[1], 5);
      double[][] xs = java.util.Arrays.copyOfRange(x, 0, 400);
      double[] uflat = new double[400 * dim];
      for (int i = 0; i < 400; i++) for (int j = 0; j < dim; j++) uflat[i * dim + j] = (xs[i][j] - q.center()[j]) / q.scale()[j];
      var e = est.estimate(Nd4j.create(uflat, new long[] {400, dim}, 'c').castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT));
      System.out.printf("  mean ess %.2f of %d%n", e.meanEss(), cfg[0]);
      System.out.printf("K=%d steps=%d: max |diag+1| %.3f, max |offdiag| %.3f (x scale-free: %.3f), max |mean score|*scale %.3f%n",
          cfg[0], cfg[1], diag, off, off, ms);
      System.out.printf("  diag: ");
      for (int a = 0; a < dim; a++) System.out.printf("%.2f ", stein[a][a]);
      System.out.println();
    }
  }
}
