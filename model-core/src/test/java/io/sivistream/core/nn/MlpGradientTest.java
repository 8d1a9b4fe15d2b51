package io.sivistream.core.nn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MlpGradientTest {

  /** L = Σ G ⊙ mlp(x): backward(G) must equal central finite differences of L. */
  @ParameterizedTest
  @EnumSource(Activation.class)
  void parameterAndInputGradientsMatchFiniteDifferences(Activation activation) {
    Mlp mlp = new Mlp(new int[] {3, 7, 5, 4}, activation);
    INDArray params = Nd4j.createFromArray(mlp.initParams(3, 1.0));
    // nonzero biases so that no ReLU sits exactly at its kink
    params.addi(Nd4j.rand(DataType.DOUBLE, params.length()).muli(0.1));
    INDArray grads = Nd4j.zerosLike(params);
    int n = 6;
    Nd4j.getRandom().setSeed(7);
    INDArray x = Nd4j.randn(DataType.DOUBLE, n, 3);
    INDArray g = Nd4j.randn(DataType.DOUBLE, n, 4);
    MlpPass pass = mlp.pass(params, grads, n);
    pass.forward(x);
    INDArray inputGrad = pass.backward(g, true).dup();
    double h = 1e-6;
    for (long i = 0; i < params.length(); i++) {
      double old = params.getDouble(i);
      params.putScalar(i, old + h);
      double up = pass.forward(x).mul(g).sumNumber().doubleValue();
      params.putScalar(i, old - h);
      double down = pass.forward(x).mul(g).sumNumber().doubleValue();
      params.putScalar(i, old);
      assertThat(grads.getDouble(i)).as("param %d", i).isCloseTo((up - down) / (2 * h), org.assertj.core.data.Offset.offset(1e-6));
    }
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < 3; c++) {
        double old = x.getDouble(r, c);
        x.putScalar(r, c, old + h);
        double up = pass.forward(x).mul(g).sumNumber().doubleValue();
        x.putScalar(r, c, old - h);
        double down = pass.forward(x).mul(g).sumNumber().doubleValue();
        x.putScalar(r, c, old);
        assertThat(inputGrad.getDouble(r, c)).isCloseTo((up - down) / (2 * h), org.assertj.core.data.Offset.offset(1e-6));
      }
    }
  }

  @Test
  void weightViewsShareTheFlatVector() {
    Mlp mlp = new Mlp(new int[] {2, 3, 1}, Activation.RELU);
    INDArray flat = mlp.newFlat(DataType.FLOAT);
    mlp.weight(flat, 1).putScalar(2, 0, 5f);
    mlp.bias(flat, 0).putScalar(0, 1, 3f);
    assertThat(flat.getDouble(2 * 3 + 3 + 2)).isEqualTo(5.0);
    assertThat(flat.getDouble(2 * 3 + 1)).isEqualTo(3.0);
    assertThat(mlp.paramCount()).isEqualTo(2 * 3 + 3 + 3 + 1);
  }
}
