package io.sivistream.core.accuracy;

import io.sivistream.core.critic.CriticConfig;
import io.sivistream.core.eval.Discrepancy;
import io.sivistream.core.family.FamilyConfig;
import io.sivistream.core.mcmc.HmcConfig;
import io.sivistream.core.mcmc.HmcResult;
import io.sivistream.core.mcmc.Nuts;
import io.sivistream.core.target.Models;
import io.sivistream.core.target.ScoreAt;
import io.sivistream.core.target.Target;
import io.sivistream.core.train.FitResult;
import io.sivistream.core.train.LaplaceStart;
import io.sivistream.core.train.ProgressListener;
import io.sivistream.core.train.SiviSm;
import io.sivistream.core.train.TrainConfig;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Manual probe: waveform fitted in the Laplace-whitened frame x = m + L u; args = iterations seeds... */
public final class WhitenProbe {

  static final class Whitened implements Target {
    final Target t;
    final double[] m;
    final double[][] l;
    final INDArray lT;
    final INDArray mRow;
    Whitened(Target t, double[] m, double[][] l) {
      this.t = t; this.m = m; this.l = l;
      lT = Nd4j.create(l).transpose().dup().castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
      mRow = Nd4j.createFromArray(m).reshape(1, m.length).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
    }
    double[] toX(double[] u) {
      double[] x = m.clone();
      for (int i = 0; i < x.length; i++) for (int j = 0; j <= i; j++) x[i] += l[i][j] * u[j];
      return x;
    }
    public int dim() { return t.dim(); }
    public List<String> parameterNames() { return t.parameterNames(); }
    public int dataRows() { return t.dataRows(); }
    public boolean logConcave() { return t.logConcave(); }
    public double logDensity(double[] u) { return t.logDensity(toX(u)); }
    public double[] gradLogDensity(double[] u) {
      double[] g = t.gradLogDensity(toX(u));
      double[] out = new double[g.length];
      for (int i = 0; i < g.length; i++) for (int j = 0; j <= i; j++) out[j] += l[i][j] * g[i];
      return out;
    }
    public ScoreAt scoreAt(INDArray u, int[] rows) {
      INDArray lt = lT.castTo(u.dataType());
      INDArray x = u.mmul(lt).addiRowVector(mRow.castTo(u.dataType()));
      ScoreAt inner = t.scoreAt(x, rows);
      return new ScoreAt() {
        public INDArray score() { return inner.score().mmul(lt.transpose()); }
        public INDArray hessianVectorProduct(INDArray v) { return inner.hessianVectorProduct(v.mmul(lt)).mmul(lt.transpose()); }
      };
    }
  }

  public static void main(String[] a) {
    Target target = Models.build("logistic-regression", SharedData.waveformTrain(), new double[] {10}, 0);
    HmcResult reference = Nuts.sample(target, new HmcConfig(4, 1000, 20000, 101, 10, 0.8), ProgressListener.NONE);
    LaplaceStart lap = LaplaceStart.of(target);
    double[][] c = lap.covariance();
    int d = c.length;
    double[][] l = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j <= i; j++) {
        double s = c[i][j];
        for (int k = 0; k < j; k++) s -= l[i][k] * l[j][k];
        l[i][j] = i == j ? Math.sqrt(s) : s / l[j][j];
      }
    }
    Whitened w = new Whitened(target, lap.mode(), l);
    int it = Integer.parseInt(a[0]);
    for (int i = 1; i < a.length; i++) {
      long seed = Long.parseLong(a[i]);
      FitResult fit = SiviSm.fit(w, FamilyConfig.DEFAULT, CriticConfig.DEFAULT, TrainConfig.DEFAULT.withIterations(it).withSeed(seed), ProgressListener.NONE);
      double[][] u = fit.posterior().sample(4000, 2);
      double[][] x = new double[u.length][];
      for (int r = 0; r < u.length; r++) x[r] = w.toX(u[r]);
      Discrepancy dd = Discrepancy.compare(x, reference.draws());
      double[] sf = io.sivistream.core.summary.DrawSummary.of(target.parameterNames(), x).sd();
      double[] sr = io.sivistream.core.summary.DrawSummary.of(target.parameterNames(), reference.draws()).sd();
      StringBuilder b = new StringBuilder("sd ratios:");
      for (int j = 0; j < sf.length; j++) b.append(String.format(" %.2f", sf[j] / sr[j]));
      System.out.println(b);
      System.out.printf("whitened waveform it=%d seed=%d: %s in %.1f s%n", it, seed, dd, fit.seconds());
    }
  }
}
