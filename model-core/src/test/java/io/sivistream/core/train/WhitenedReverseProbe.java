package io.sivistream.core.train;

import io.sivistream.core.accuracy.SharedData;
import io.sivistream.core.critic.CriticConfig;
import io.sivistream.core.data.Dataset;
import io.sivistream.core.family.FamilyConfig;
import io.sivistream.core.family.FittedPosterior;
import io.sivistream.core.family.ReverseConditional;
import io.sivistream.core.target.LogisticRegression;
import io.sivistream.core.target.NormalPrior;
import io.sivistream.core.target.PosteriorTarget;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** ESS and error of the reverse-conditional score on a batch (whitened) fit: args ROWS. */
public final class WhitenedReverseProbe {
  public static void main(String[] args) throws Exception {
    Dataset data = SharedData.waveformTrain();
    int rows = Integer.parseInt(args[0]);
    Dataset w = data.slice(0, rows);
    PosteriorTarget target = new PosteriorTarget(NormalPrior.isotropic(data.width(), 10),
        new LogisticRegression(w.features(), w.labels(), data.featureNames()));
    FitResult fit = SiviSm.fit(target, FamilyConfig.DEFAULT, CriticConfig.DEFAULT, TrainConfig.DEFAULT, ProgressListener.NONE);
    double[][] ref0 = io.sivistream.core.stream.WindowTraceProbe.reference(data, rows);
    var disc = io.sivistream.core.eval.Discrepancy.compare(fit.posterior().sample(2000, 5), ref0);
    System.out.printf("batch fit vs NUTS: energy %.4f mean %.3f logsd %.3f%n", disc.energyDistance(), disc.maxMeanError(), disc.maxLogSdRatio());
    FittedPosterior q = (FittedPosterior) ((WhitenedPosterior) fit.posterior()).inFrame();
    int dim = q.dim();
    double[] p = q.params();
    StringBuilder sig = new StringBuilder();
    for (int j = 0; j < dim; j++) {
      sig.append(String.format(" %.2f", Math.exp(p[p.length - dim + j])));
    }
    System.out.println("k=" + q.family().latentDim() + " sigma:" + sig);
    StringBuilder sc = new StringBuilder();
    for (double s : q.scale()) sc.append(String.format(" %.2f", s));
    System.out.println("scale:" + sc);
    int n = 200;
    // seeded draws (z, eps): the probe's figures repeat run to run
    var rng = Nd4j.getRandomFactory().getNewRandomInstance(3);
    var zArr = Nd4j.create(DataType.DOUBLE, n, q.family().latentDim());
    var epsArr = Nd4j.create(DataType.DOUBLE, n, dim);
    Nd4j.getExecutioner().exec(new org.nd4j.linalg.api.ops.random.impl.GaussianDistribution(zArr, 0.0, 1.0), rng);
    Nd4j.getExecutioner().exec(new org.nd4j.linalg.api.ops.random.impl.GaussianDistribution(epsArr, 0.0, 1.0), rng);
    double[] u = q.family().pass(Nd4j.createFromArray(q.params()), null, n).sample(zArr, epsArr).dup('c').data().asDouble();
    double[] z0 = zArr.dup('c').data().asDouble();
    var uArr = Nd4j.create(u, new long[] {n, dim}, 'c');
    ReverseConditional ref = new ReverseConditional(q.family(), q.params(), 8192, 20, 99);
    ReverseConditional.Estimate er = ref.estimate(uArr.castTo(DataType.DOUBLE));
    System.out.printf("reference K=8192: ess %.1f%n", er.meanEss());
    double norm = 0;
    for (double s : er.score()) norm += s * s;
    ReverseConditional.Estimate er2 = ref.estimate(uArr.castTo(DataType.DOUBLE), z0);
    System.out.printf("warm reference K=8192: ess %.1f%n", er2.meanEss());
    double norm2 = 0;
    for (double s : er2.score()) norm2 += s * s;
    double diff = 0;
    for (int i = 0; i < er.score().length; i++) diff += Math.pow(er.score()[i] - er2.score()[i], 2);
    System.out.printf("cold vs warm reference rel diff %.3f%n", Math.sqrt(diff / norm2));
    for (int kk : new int[] {8, 32}) {
      ReverseConditional est = new ReverseConditional(q.family(), q.params(), kk, 3, 7);
      for (boolean warm : new boolean[] {false, true}) {
        ReverseConditional.Estimate e = est.estimate(uArr.castTo(DataType.FLOAT), warm ? z0 : null);
        double err = 0;
        for (int i = 0; i < n * dim; i++) err += Math.pow(e.score()[i] - er2.score()[i], 2);
        System.out.printf("K %d warm %s: rel rms err vs warm ref %.4f, ess %.2f%n", kk, warm, Math.sqrt(err / norm2), e.meanEss());
      }
    }
  }
}
