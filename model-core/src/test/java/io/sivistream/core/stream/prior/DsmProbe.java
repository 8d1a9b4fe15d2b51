package io.sivistream.core.stream.prior;

import io.sivistream.core.family.FittedPosterior;
import io.sivistream.core.nn.Activation;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Manual experiment: DSM accuracy and fit time. Not a test.
 * Args: family (gaussian|curved), then any number of ACT:gaussianPart:iterations[:batch[:lr]] specs.
 */
public final class DsmProbe {
  public static void main(String[] args) {
    int points = 2000;
    String name = args[0];
    FittedPosterior q = name.equals("gaussian") ? Families.gaussian() : Families.curved();
    double[][] x = q.sample(points, 99);
    double[][] exact;
    long t0 = System.nanoTime();
    if (name.equals("gaussian")) {
      GaussianPrior g = new GaussianPrior(Families.CENTER, Families.gaussianCov());
      exact = g.scoreAt(Nd4j.createFromArray(x)).score().toDoubleMatrix();
    } else {
      double[][][] mix = Families.quadrature(q, 121);
      exact = new double[points][];
      for (int i = 0; i < points; i++) {
        exact[i] = Families.mixtureScore(mix, x[i]);
      }
    }
    System.out.printf("reference %.1fs%n", (System.nanoTime() - t0) / 1e9);
    for (int k : new int[] {64, 512, 4096}) {
      t0 = System.nanoTime();
      MixturePrior mp = MixturePrior.of(q.components(k, 5));
      double[][] m = mp.scoreAt(Nd4j.createFromArray(x)).score().toDoubleMatrix();
      System.out.printf("%s mixture K=%d: rel rmse %.4f (%.2fs)%n", name, k, Families.relativeRmse(m, exact), (System.nanoTime() - t0) / 1e9);
    }
    GaussianPrior gf = GaussianPrior.fit(q.sample(20000, 7));
    System.out.printf("%s gaussian fit: rel rmse %.4f%n", name,
        Families.relativeRmse(gf.scoreAt(Nd4j.createFromArray(x)).score().toDoubleMatrix(), exact));
    for (int a = 1; a < args.length; a++) {
      String[] s = args[a].split(":");
      DsmConfig c = DsmConfig.DEFAULT.withIterations(Integer.parseInt(s[2]));
      if (s.length > 3) {
        c = new DsmConfig(c.iterations(), Integer.parseInt(s[3]), c.hidden(), s.length > 4 ? Double.parseDouble(s[4]) : c.lr(), c.seed());
      }
      t0 = System.nanoTime();
      DsmPrior p = new DsmTrainer(c, Activation.valueOf(s[0]), Boolean.parseBoolean(s[1]),
          System.getProperty("float") != null ? org.nd4j.linalg.api.buffer.DataType.FLOAT : org.nd4j.linalg.api.buffer.DataType.DOUBLE).fit(q);
      double sec = (System.nanoTime() - t0) / 1e9;
      double[][] sc = p.scoreAt(Nd4j.createFromArray(x)).score().toDoubleMatrix();
      System.out.printf("%s %s: rel rmse %.4f, fit %.2fs%n", name, args[a], Families.relativeRmse(sc, exact), sec);
    }
  }
}
