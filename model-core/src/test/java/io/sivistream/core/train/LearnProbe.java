package io.sivistream.core.train;

import io.sivistream.core.critic.CriticConfig;
import io.sivistream.core.family.FamilyConfig;
import io.sivistream.core.family.FittedPosterior;
import io.sivistream.core.family.SemiImplicitFamily;
import io.sivistream.core.nn.Mlp;
import io.sivistream.core.target.AffineFrame;
import io.sivistream.core.target.Models;
import io.sivistream.core.target.Target;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;

/** Cold-start learning probe (not a test). */
public final class LearnProbe {
  public static void main(String[] args) {
    Target t;
    if (args[0].equals("gauss")) {
      double[] mean = {1, -1};
      double[][] cov = {{4, 0.8}, {0.8, 0.25}};
      t = new GaussianTestTarget(mean, Linalg.inverseSpd(cov));
    } else {
      t = Models.build(args[0], null, null, 0);
    }
    int iters = Integer.parseInt(args[1]);
    FamilyConfig fc = new FamilyConfig(Integer.getInteger("latent", 0), java.util.List.of(Integer.getInteger("fh", 100), Integer.getInteger("fh", 100)), false, Double.parseDouble(System.getProperty("sigma0", "0.5")), io.sivistream.core.nn.Activation.valueOf(System.getProperty("act", "RELU")));
    SemiImplicitFamily fam = new SemiImplicitFamily(2, t.parameterNames(), fc);
    Mlp critic = SiviSm.criticNetwork(2, new CriticConfig(java.util.List.of(Integer.getInteger("ch", 256), Integer.getInteger("ch", 256)), io.sivistream.core.nn.Activation.valueOf(System.getProperty("cact", "RELU"))));
    EngineState s = SiviSm.initialState(fam, critic, null, 1, DataType.FLOAT);
    double[] c = {0, 0}, sc = {1, 1};
    TrainConfig d0 = TrainConfig.DEFAULT;
    TrainConfig tc = new TrainConfig(iters, Integer.getInteger("batch", 100), 0, 1, Double.parseDouble(System.getProperty("flr", "1e-3")),
        Double.parseDouble(System.getProperty("clr", "1e-3")), 0, 1, Double.parseDouble(System.getProperty("shift", "0")), 1000, 0, 0, !Boolean.getBoolean("nobase"));
    SiviSmTrainer tr = new SiviSmTrainer(new AffineFrame(t, c, sc), fam, critic, s, tc, 5);
    for (int k = 0; k < 10; k++) {
      tr.run(k * iters / 10, (k + 1) * iters / 10, iters, ProgressListener.NONE, 0);
      double[][] d = new FittedPosterior(fam, tr.state().familyParams().castTo(DataType.DOUBLE).toDoubleVector(), c, sc).sample(4000, 3);
      double[] m = WaveformProbe.mean(d);
      System.out.printf("it %d loss %.3f mean %s sd %s%n", (k + 1) * iters / 10, tr.lastLoss(), Arrays.toString(m), Arrays.toString(WaveformProbe.sd(d, m)));
    }
  }
}
