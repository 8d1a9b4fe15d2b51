package io.sivistream.core.family;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class FamilyGradientTest {

  /** L = Σ A ⊙ x + Σ B ⊙ (eps / sigma): the family backward pass must match finite differences. */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void backwardMatchesFiniteDifferences(boolean conditionalSigma) {
    int d = 3;
    FamilyConfig config = new FamilyConfig(4, List.of(6), conditionalSigma, 0.7);
    SemiImplicitFamily family = new SemiImplicitFamily(d, List.of("a", "b", "c"), config);
    INDArray params = Nd4j.createFromArray(family.initParams(5));
    params.addi(Nd4j.rand(DataType.DOUBLE, params.length()).muli(0.1));
    INDArray grads = Nd4j.zerosLike(params);
    int n = 5;
    Nd4j.getRandom().setSeed(11);
    INDArray z = Nd4j.randn(DataType.DOUBLE, n, 4);
    INDArray eps = Nd4j.randn(DataType.DOUBLE, n, d);
    INDArray a = Nd4j.randn(DataType.DOUBLE, n, d);
    INDArray b = Nd4j.randn(DataType.DOUBLE, n, d);
    FamilyPass pass = family.pass(params, grads, n);
    pass.sample(z, eps);
    pass.backward(a, b.dup());
    double h = 1e-6;
    for (long i = 0; i < params.length(); i++) {
      double old = params.getDouble(i);
      params.putScalar(i, old + h);
      double up = loss(pass, z, eps, a, b);
      params.putScalar(i, old - h);
      double down = loss(pass, z, eps, a, b);
      params.putScalar(i, old);
      assertThat(grads.getDouble(i)).as("param %d", i).isCloseTo((up - down) / (2 * h), Offset.offset(1e-6));
    }
  }

  private static double loss(FamilyPass pass, INDArray z, INDArray eps, INDArray a, INDArray b) {
    INDArray x = pass.sample(z, eps);
    INDArray inv = pass.invSigma();
    INDArray e = inv.rows() == 1 ? eps.mulRowVector(inv) : eps.mul(inv);
    return x.mul(a).sumNumber().doubleValue() + e.mul(b).sumNumber().doubleValue();
  }
}
