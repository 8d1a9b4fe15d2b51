package io.sivistream.core.train;

import io.sivistream.core.critic.CriticConfig;
import io.sivistream.core.family.FamilyConfig;
import io.sivistream.core.family.FittedPosterior;
import io.sivistream.core.family.SemiImplicitFamily;
import io.sivistream.core.nn.Mlp;
import io.sivistream.core.optim.Adam;
import io.sivistream.core.target.AffineFrame;
import io.sivistream.core.target.Target;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batch SIVI-SM fit (Yu and Zhang, "Semi-Implicit Variational Inference via Score Matching",
 * ICLR 2023).
 *
 * <pre>{@code
 * Target target = Models.build("logistic-regression", data, priorSds, 0);
 * FitResult fit = SiviSm.fit(target, FamilyConfig.DEFAULT, CriticConfig.DEFAULT, TrainConfig.DEFAULT, ProgressListener.NONE);
 * double[][] draws = fit.posterior().sample(4000, 1);
 * }</pre>
 *
 * <p>Steps: a Laplace start (mode and curvature of the target) fixes a standardised frame and the
 * family's initial correlation; SIVI-SM then trains family and critic in that frame.
 */
public final class SiviSm {

  private SiviSm() {}

  /** Fits a semi-implicit posterior to the target in single precision. */
  public static FitResult fit(Target target, FamilyConfig family, CriticConfig critic, TrainConfig train,
      ProgressListener progress) {
    return fit(target, family, critic, train, progress, DataType.FLOAT);
  }

  /** Fits a semi-implicit posterior to the target, training in the given precision (FLOAT or DOUBLE). */
  public static FitResult fit(Target target, FamilyConfig familyConfig, CriticConfig criticConfig, TrainConfig train,
      ProgressListener progress, DataType type) {
    long start = System.nanoTime();
    LaplaceStart laplace = LaplaceStart.of(target);
    AffineFrame frame = new AffineFrame(target, laplace.mode(), laplace.sd());
    SemiImplicitFamily family = new SemiImplicitFamily(target.dim(), target.parameterNames(), familyConfig);
    Mlp criticNet = criticNetwork(target.dim(), criticConfig);
    EngineState initial = initialState(family, criticNet, laplace.correlation(), train.seed(), type);
    SiviSmTrainer trainer = new SiviSmTrainer(frame, family, criticNet, initial, train, train.seed());
    long deadline = train.timeBudgetSeconds() > 0 ? start + (long) (train.timeBudgetSeconds() * 1e9) : 0;
    int done = trainer.run(train.iterations(), train.iterations(), progress, deadline);
    EngineState end = trainer.state();
    FittedPosterior posterior = new FittedPosterior(family, end.familyParams().castTo(DataType.DOUBLE).toDoubleVector(),
        laplace.mode(), laplace.sd());
    return new FitResult(posterior, done, trainer.meanLoss(), trainer.recoveries(), (System.nanoTime() - start) / 1e9);
  }

  public static Mlp criticNetwork(int dim, CriticConfig config) {
    int[] widths = new int[config.hidden().size() + 2];
    widths[0] = dim;
    for (int i = 0; i < config.hidden().size(); i++) {
      widths[i + 1] = config.hidden().get(i);
    }
    widths[widths.length - 1] = dim;
    return new Mlp(widths, config.activation());
  }

  public static EngineState initialState(SemiImplicitFamily family, Mlp critic, double[][] correlation, long seed, DataType type) {
    INDArray familyParams = Nd4j.createFromArray(family.initParams(seed, correlation)).castTo(type);
    INDArray criticParams = Nd4j.createFromArray(critic.initParams(seed + 1, 0.1)).castTo(type);
    Adam adam = Adam.DEFAULT;
    return new EngineState(familyParams, criticParams, adam.init(familyParams), adam.init(criticParams), 0);
  }
}
