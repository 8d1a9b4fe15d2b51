package io.sivistream.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.sivistream.core.critic.CriticConfig;
import io.sivistream.core.family.FamilyConfig;
import io.sivistream.core.family.SemiImplicitFamily;
import io.sivistream.core.nn.Mlp;
import io.sivistream.core.target.Banana;
import io.sivistream.core.target.Target;
import java.util.List;
import java.util.function.DoubleSupplier;
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
    SiviSmTrainer trainer = smallTrainer(FamilyGradient.AUTO, conditionalSigma, baseline);
    INDArray z = Nd4j.randn(DataType.DOUBLE, 4, 3);
    INDArray eps = Nd4j.randn(DataType.DOUBLE, 4, 2);
    trainer.gradients(z, eps, null, shift, 1.0, false, true, true, false);
    INDArray familyGrad = trainer.familyGrads().dup();
    INDArray criticGrad = trainer.criticGrads().dup();
    DoubleSupplier loss = () -> trainer.gradients(z, eps, null, shift, 1.0, true, false, false, false);
    assertMatchesFiniteDifferences(trainer.familyParams(), familyGrad, loss, 1e-5);
    assertMatchesFiniteDifferences(trainer.criticParams(), criticGrad, () -> -loss.getAsDouble(), 1e-5);
  }

  /**
   * The critic's step with the batch-averaged regression target ({@link LatentAveragedScore}): its
   * gradient is that of L with e replaced by the average, which does not depend on the critic.
   */
  @ParameterizedTest
  @CsvSource({"0.0", "0.7"})
  void criticGradientWithTheAveragedTargetMatchesFiniteDifferences(double shift) {
    SiviSmTrainer trainer = smallTrainer(FamilyGradient.FISHER, false, false);
    INDArray z = Nd4j.randn(DataType.DOUBLE, 4, 3);
    INDArray eps = Nd4j.randn(DataType.DOUBLE, 4, 2);
    trainer.gradients(z, eps, null, shift, 1.0, false, false, true, false);
    INDArray criticGrad = trainer.criticGrads().dup();
    assertMatchesFiniteDifferences(trainer.criticParams(), criticGrad,
        () -> -trainer.gradients(z, eps, null, shift, 1.0, true, false, true, false), 1e-5);
  }

  /**
   * The transport step's family gradient is that of -(1/n) Σ_i f_iᵀ x_i(phi) with the critic's
   * values f_i held fixed (the reparameterised KL gradient when f = S - ∇log q).
   */
  @ParameterizedTest
  @CsvSource({"0.0", "1.0"})
  void transportGradientMovesDrawsAlongTheCritic(double shift) {
    SiviSmTrainer trainer = smallTrainer(FamilyGradient.TRANSPORT, false, false);
    INDArray z = Nd4j.randn(DataType.DOUBLE, 4, 3);
    INDArray eps = Nd4j.randn(DataType.DOUBLE, 4, 2);
    trainer.gradients(z, eps, null, shift, 1.0, false, false, false, false);
    INDArray f = trainer.lastCriticValues();
    trainer.gradients(z, eps, null, shift, 1.0, false, true, false, true);
    INDArray familyGrad = trainer.familyGrads().dup();
    assertThat(familyGrad.norm2Number().doubleValue()).isGreaterThan(1e-3);
    assertMatchesFiniteDifferences(trainer.familyParams(), familyGrad,
        () -> -trainer.sample(z, eps).mul(f).sumNumber().doubleValue() / 4, 1e-6);
  }

  /** A trainer on banana with 4 particles and small random networks, in double precision. */
  private static SiviSmTrainer smallTrainer(FamilyGradient gradient, boolean conditionalSigma, boolean baseline) {
    Target target = new Banana();
    FamilyConfig familyConfig = new FamilyConfig(3, List.of(5), conditionalSigma, 0.6);
    SemiImplicitFamily family = new SemiImplicitFamily(2, target.parameterNames(), familyConfig);
    Mlp critic = SiviSm.criticNetwork(2, new CriticConfig(List.of(6)));
    EngineState state = SiviSm.initialState(family, critic, null, 3, DataType.DOUBLE);
    state.familyParams().addi(Nd4j.rand(DataType.DOUBLE, state.familyParams().length()).subi(0.5).muli(0.2));
    state.criticParams().addi(Nd4j.rand(DataType.DOUBLE, state.criticParams().length()).subi(0.5).muli(0.5));
    TrainConfig config = new TrainConfig(10, 4, 0, 1, 1e-3, 1e-3, 0, 1, 0, 0, 0, 0, baseline).withFamilyGradient(gradient);
    SiviSmTrainer trainer = new SiviSmTrainer(target, family, critic, state, config, 9);
    Nd4j.getRandom().setSeed(4);
    return trainer;
  }

  /** Each component of grad against the central difference of loss in that parameter. */
  private static void assertMatchesFiniteDifferences(INDArray params, INDArray grad, DoubleSupplier loss, double tolerance) {
    double h = 1e-6;
    for (long i = 0; i < params.length(); i++) {
      double old = params.getDouble(i);
      params.putScalar(i, old + h);
      double up = loss.getAsDouble();
      params.putScalar(i, old - h);
      double down = loss.getAsDouble();
      params.putScalar(i, old);
      double fd = (up - down) / (2 * h);
      assertThat(grad.getDouble(i)).as("parameter %d", i)
          .isCloseTo(fd, org.assertj.core.data.Offset.offset(tolerance * Math.max(1, Math.abs(fd))));
    }
  }
}
