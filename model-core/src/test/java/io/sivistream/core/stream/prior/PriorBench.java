package io.sivistream.core.stream.prior;

import io.sivistream.core.target.Prior;
import io.sivistream.core.target.ScoreAt;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Manual experiment: cost of score + HVP per batch for each prior kind. Not a test. */
public final class PriorBench {
  public static void main(String[] args) {
    int d = 22;
    int n = 100;
    int k = 1000;
    double[][] means = PriorChecks.normals(k, d, 1.0, 1);
    double[][] sds = new double[k][];
    double[][] sdsGeneral = PriorChecks.normals(k, d, 1.0, 2);
    for (int i = 0; i < k; i++) {
      sds[i] = new double[d];
      java.util.Arrays.fill(sds[i], 0.3);
      for (int j = 0; j < d; j++) {
        sdsGeneral[i][j] = 0.2 + 0.1 * Math.abs(sdsGeneral[i][j]);
      }
    }
    GaussianPrior g = GaussianPrior.fit(PriorChecks.normals(1000, d, 1.0, 3));
    MixturePrior shared = new MixturePrior(means, sds);
    MixturePrior general = new MixturePrior(means, sdsGeneral);
    int[] hidden = {128, 128};
    double[] params = new io.sivistream.core.nn.Mlp(new int[] {d, 128, 128, d}, io.sivistream.core.nn.Activation.RELU).initParams(4, 0.1);
    DsmPrior dsm = new DsmPrior(new double[d], filled(d, 1.0), g.precision(), hidden, io.sivistream.core.nn.Activation.RELU, params);
    for (DataType t : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
      INDArray x = PriorChecks.batch(PriorChecks.normals(n, d, 1.0, 5)).castTo(t);
      INDArray v = PriorChecks.batch(PriorChecks.normals(n, d, 1.0, 6)).castTo(t);
      for (Prior p : new Prior[] {g, shared, general, dsm}) {
        for (int rep = 0; rep < 50; rep++) {
          ScoreAt at = p.scoreAt(x);
          at.score();
          at.hessianVectorProduct(v);
        }
        int reps = 300;
        long t0 = System.nanoTime();
        for (int rep = 0; rep < reps; rep++) {
          ScoreAt at = p.scoreAt(x);
          at.score();
          at.hessianVectorProduct(v);
        }
        String name = p == shared ? "mixture-shared" : p == general ? "mixture-general" : p.getClass().getSimpleName();
        System.out.printf("%s %s n=%d d=%d K=%d: score+hvp %.3f ms%n", t, name, n, d, k, (System.nanoTime() - t0) / 1e6 / reps);
      }
    }
  }

  static double[] filled(int d, double v) {
    double[] a = new double[d];
    java.util.Arrays.fill(a, v);
    return a;
  }
}
