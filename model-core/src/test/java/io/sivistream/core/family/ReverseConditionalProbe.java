package io.sivistream.core.family;

import io.sivistream.core.accuracy.SharedData;
import io.sivistream.core.critic.CriticConfig;
import io.sivistream.core.data.Dataset;
import io.sivistream.core.stream.ModelDefinition;
import io.sivistream.core.stream.PosteriorState;
import io.sivistream.core.stream.StreamConfig;
import io.sivistream.core.stream.StreamingUpdate;
import io.sivistream.core.stream.WindowResult;
import io.sivistream.core.target.LogisticRegression;
import io.sivistream.core.target.NormalPrior;
import io.sivistream.core.train.TrainConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Accuracy of the reverse-conditional score on fitted waveform families: args ROWS [ROWS2]. */
public final class ReverseConditionalProbe {
  public static void main(String[] args) {
    Dataset data = SharedData.waveformTrain();
    int rows = Integer.parseInt(args[0]);
    int rows2 = args.length > 1 ? Integer.parseInt(args[1]) : rows;
    StreamConfig d = StreamConfig.DEFAULT;
    StreamConfig config = new StreamConfig(StreamConfig.Mode.RECURSIVE, 1.0, rows, 0, d.iterationsPerWindow(),
        d.firstWindowIterations(), d.slidingWindows(), StreamConfig.PriorKind.GAUSSIAN, d.priorDraws(), d.summaryDraws(), d.retainRowsPerParameter());
    ModelDefinition model = new ModelDefinition(data.featureNames(),
        r -> new LogisticRegression(r.features(), r.labels(), data.featureNames()),
        NormalPrior.isotropic(data.width(), 10), FamilyConfig.DEFAULT, CriticConfig.DEFAULT, TrainConfig.DEFAULT, config);
    WindowResult r = new StreamingUpdate(model).apply(null, data.slice(0, rows));
    FittedPosterior q = r.posterior();
    WindowResult r2 = rows2 == rows ? r : new StreamingUpdate(model).apply(null, data.slice(0, rows2));
    double[][] x = r2.posterior().sample(200, 3);
    int n = x.length;
    int dim = q.dim();
    double[] u = new double[n * dim];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < dim; j++) {
        u[i * dim + j] = (x[i][j] - q.center()[j]) / q.scale()[j];
      }
    }
    var uArr = Nd4j.create(u, new long[] {n, dim}, 'c');
    double[] skip = java.util.Arrays.copyOfRange(q.params(), (int) q.family().mlp().paramCount(),
        (int) q.family().mlp().paramCount() + q.family().latentDim() * dim);
    System.out.printf("k=%d sigma[0]=%.3f%n", q.family().latentDim(), Math.exp(q.params()[q.params().length - dim]));
    ReverseConditional ref = new ReverseConditional(q.family(), q.params(), 8192, 20, 99);
    ReverseConditional.Estimate er = ref.estimate(uArr.castTo(DataType.DOUBLE));
    System.out.printf("reference K=8192: ess %.1f%n", er.meanEss());
    double norm = 0;
    for (double s : er.score()) {
      norm += s * s;
    }
    for (int steps : new int[] {1, 3, 5}) {
      for (int kk : new int[] {2, 8, 32, 128}) {
        for (DataType t : new DataType[] {DataType.FLOAT}) {
          ReverseConditional est = new ReverseConditional(q.family(), q.params(), kk, steps, 7);
          long t0 = System.nanoTime();
          ReverseConditional.Estimate e = est.estimate(uArr.castTo(t));
          long t1 = System.nanoTime();
          // bias: average 20 repeats
          double[] avg = new double[n * dim];
          for (int rep = 0; rep < 20; rep++) {
            double[] s = est.estimate(uArr.castTo(t)).score();
            for (int i = 0; i < avg.length; i++) {
              avg[i] += s[i] / 20;
            }
          }
          double err = 0;
          double bias = 0;
          for (int i = 0; i < n * dim; i++) {
            err += Math.pow(e.score()[i] - er.score()[i], 2);
            bias += Math.pow(avg[i] - er.score()[i], 2);
          }
          System.out.printf("steps %d K %4d %s: rel rms err %.4f, rel bias(avg20) %.4f, ess %.2f, %.1f ms%n", steps, kk, t,
              Math.sqrt(err / norm), Math.sqrt(bias / norm), e.meanEss(), (t1 - t0) / 1e6);
        }
      }
    }
  }
}
