package io.sivistream.core.train;

import io.sivistream.core.critic.CriticConfig;
import io.sivistream.core.data.Dataset;
import io.sivistream.core.family.FamilyConfig;
import io.sivistream.core.target.ExactSampler;
import io.sivistream.core.target.Models;
import io.sivistream.core.target.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Manual experiment (not a test): args = model iterations [refDrawsCsv]. */
public final class WaveformProbe {
  public static void main(String[] args) throws Exception {
    String model = args[0];
    int iters = Integer.parseInt(args[1]);
    Target t;
    if (Models.needsData(model)) {
      List<String> lines = Files.readAllLines(Path.of("/work/shared/data/waveform_train.csv"));
      String[] header = lines.get(0).split(",");
      int n = lines.size() - 1;
      double[][] f = new double[n][header.length - 1];
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        String[] c = lines.get(i + 1).split(",");
        for (int j = 0; j < header.length - 1; j++) f[i][j] = Double.parseDouble(c[j]);
        y[i] = Double.parseDouble(c[header.length - 1]);
      }
      Dataset ds = new Dataset(Arrays.asList(header).subList(0, header.length - 1), f, y, "waveform");
      double[] sds = new double[header.length - 1];
      Arrays.fill(sds, 10.0);
      t = Models.build(model, ds, sds, 0);
    } else {
      t = Models.build(model, null, null, 0);
    }
    TrainConfig d0 = TrainConfig.DEFAULT;
    TrainConfig tc = new TrainConfig(iters, Integer.getInteger("batch", d0.batch()), d0.dataBatch(), d0.seed(),
        Double.parseDouble(System.getProperty("flr", "" + d0.familyLr())), Double.parseDouble(System.getProperty("clr", "" + d0.criticLr())),
        Integer.getInteger("decayEvery", d0.lrDecayEvery()), d0.lrDecayFactor(), Double.parseDouble(System.getProperty("shift", "0.0")),
        d0.scoreShiftIterations(), 0, 0, !Boolean.getBoolean("nobase"));
    FamilyConfig fd = FamilyConfig.DEFAULT;
    FamilyConfig fc = new FamilyConfig(Integer.getInteger("latent", 0), fd.hidden(), Boolean.getBoolean("condSigma"),
        Double.parseDouble(System.getProperty("sigma0", "0.5")), io.sivistream.core.nn.Activation.valueOf(System.getProperty("act", "RELU")));
    CriticConfig cc = new CriticConfig(CriticConfig.DEFAULT.hidden(), io.sivistream.core.nn.Activation.valueOf(System.getProperty("cact", "RELU")));
    long t0 = System.nanoTime();
    FitResult r = SiviSm.fit(t, fc, cc, tc,
        (i, n, l, s) -> { if (i % 2000 == 0) System.out.printf("it %d loss %.4f %.1f it/s%n", i, l, i / s); });
    System.out.printf("%s: %d it in %.1fs (%.0f it/s) loss %.4f rec %d%n", model, r.iterations(), r.seconds(), r.iterations() / r.seconds(), r.finalLoss(), r.recoveries());
    double[][] draws = r.posterior().sample(4000, 7);
    if (t instanceof ExactSampler es) {
      double[][] ref = es.sampleExact(4000, 99);
      System.out.printf("energy %.4f%n", energy(draws, ref));
      moments(draws, ref);
      System.out.println("fit mean " + Arrays.toString(mean(draws)) + " sd " + Arrays.toString(sd(draws, mean(draws))));
      System.out.println("ref mean " + Arrays.toString(mean(ref)) + " sd " + Arrays.toString(sd(ref, mean(ref))));
    }
    if (args.length > 2) {
      List<String> lines = Files.readAllLines(Path.of(args[2]));
      double[][] ref = lines.stream().skip(1).map(s -> Arrays.stream(s.split(",")).mapToDouble(Double::parseDouble).toArray()).toArray(double[][]::new);
      System.out.printf("energy vs ref %.4f%n", energy(draws, ref));
      moments(draws, ref);
    }
  }

  static void moments(double[][] a, double[][] ref) {
    int d = ref[0].length;
    double[] ma = mean(a), mr = mean(ref), sa = sd(a, ma), sr = sd(ref, mr);
    double me = 0, ls = 0;
    for (int j = 0; j < d; j++) { me = Math.max(me, Math.abs(ma[j] - mr[j]) / sr[j]); ls = Math.max(ls, Math.abs(Math.log(sa[j] / sr[j]))); }
    System.out.printf("max mean err %.3f sd, max |log sd ratio| %.3f%n", me, ls);
  }
  static double[] mean(double[][] a) { double[] m = new double[a[0].length]; for (double[] x : a) for (int j = 0; j < m.length; j++) m[j] += x[j] / a.length; return m; }
  static double[] sd(double[][] a, double[] m) { double[] s = new double[m.length]; for (double[] x : a) for (int j = 0; j < m.length; j++) s[j] += (x[j]-m[j])*(x[j]-m[j]) / (a.length - 1); for (int j = 0; j < m.length; j++) s[j] = Math.sqrt(s[j]); return s; }

  static double energy(double[][] a, double[][] b) {
    double[] m = mean(b), s = sd(b, m);
    int n = Math.min(2000, Math.min(a.length, b.length));
    double ab = 0, aa = 0, bb = 0;
    for (int i = 0; i < n; i++) for (int k = 0; k < n; k++) {
      ab += dist(a[i], b[k], s); aa += dist(a[i], a[k], s); bb += dist(b[i], b[k], s);
    }
    return (2 * ab - aa - bb) / ((double) n * n);
  }
  static double dist(double[] x, double[] y, double[] s) { double t = 0; for (int j = 0; j < x.length; j++) { double d = (x[j] - y[j]) / s[j]; t += d * d; } return Math.sqrt(t); }
}
