package io.sivistream.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.sivistream.core.critic.CriticConfig;
import io.sivistream.core.family.FamilyConfig;
import io.sivistream.core.family.SemiImplicitFamily;
import io.sivistream.core.nn.Mlp;
import io.sivistream.core.target.Banana;
import io.sivistream.core.target.Target;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The trainer's gradients of the SIVI-SM objective L(phi, psi) against central finite
 * differences, on a curved target (so the Hessian-vector term matters), with and without the
 * critic shift c S.
 */
class SiviSmGradientTest {

  @ParameterizedTest
  @CsvSource({"0.0, false, false", "0.7, false, false", "0.7, true, false", "0.0, false, true", "0.3, true, true"})
  void familyAndCriticGradientsMatchFiniteDifferences(double shift, boolean conditionalSigma, boolean baseline) {
    Target target = new Banana();
    FamilyConfig familyConfig = new FamilyConfig(3, List.of(5), conditionalSigma, 0.6);
    SemiImplicitFamily family = new SemiImplicitFamily(2, target.parameterNames(), familyConfig);
    Mlp critic = SiviSm.criticNetwork(2, new CriticConfig(List.of(6)));
    EngineState state = SiviSm.initialState(family, critic, null, 3, DataType.DOUBLE);
    state.familyParams().addi(Nd4j.rand(DataType.DOUBLE, state.familyParams().length()).subi(0.5).muli(0.2));
    state.criticParams().addi(Nd4j.rand(DataType.DOUBLE, state.criticParams().length()).subi(0.5).muli(0.5));
    TrainConfig config = TrainConfig.DEFAULT;
    SiviSmTrainer trainer = new SiviSmTrainer(target, family, critic, state, new TrainConfig(10, 4, 0, 1, 1e-3, 1e-3, 0, 1, 0, 0, 0, 0, baseline), 9);
    Nd4j.getRandom().setSeed(4);
    INDArray z = Nd4j.randn(DataType.DOUBLE, 4, 3);
    INDArray eps = Nd4j.randn(DataType.DOUBLE, 4, 2);
    trainer.gradients(z, eps, null, shift, 1.0, false, true, true);
    INDArray familyGrad = trainer.familyGrads().dup();
    INDArray criticGrad = trainer.criticGrads().dup();
    check(trainer, trainer.familyParams(), familyGrad, z, eps, shift, 1.0);
    check(trainer, trainer.criticParams(), criticGrad, z, eps, shift, -1.0);
  }

  private static void check(SiviSmTrainer trainer, INDArray params, INDArray grad, INDArray z, INDArray eps, double shift, double sign) {
    double h = 1e-6;
    for (long i = 0; i < params.length(); i++) {
      double old = params.getDouble(i);
      params.putScalar(i, old + h);
      double up = trainer.gradients(z, eps, null, shift, 1.0, true, false, false);
      params.putScalar(i, old - h);
      double down = trainer.gradients(z, eps, null, shift, 1.0, true, false, false);
      params.putScalar(i, old);
      double fd = sign * (up - down) / (2 * h);
      assertThat(grad.getDouble(i)).as("parameter %d", i).isCloseTo(fd, org.assertj.core.data.Offset.offset(1e-5 * Math.max(1, Math.abs(fd))));
    }
  }
}
