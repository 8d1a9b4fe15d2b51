package io.sivistream.core.optim;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class AdamTest {

  /** Three steps against a plain-Java transcription of Kingma and Ba's Algorithm 1. */
  @Test
  void matchesTheTextbookUpdate() {
    double[] p = {0.5, -1.0, 2.0};
    double[][] grads = {{0.1, -0.3, 2.0}, {0.2, 0.1, -1.0}, {-0.4, 0.0, 0.5}};
    INDArray params = Nd4j.createFromArray(p.clone());
    Adam adam = Adam.DEFAULT;
    AdamState state = adam.init(params);
    double[] m = new double[3];
    double[] v = new double[3];
    double lr = 0.01;
    for (int t = 1; t <= 3; t++) {
      state = adam.step(params, Nd4j.createFromArray(grads[t - 1].clone()), state, lr);
      for (int j = 0; j < 3; j++) {
        double g = grads[t - 1][j];
        m[j] = 0.9 * m[j] + 0.1 * g;
        v[j] = 0.999 * v[j] + 0.001 * g * g;
        double mh = m[j] / (1 - Math.pow(0.9, t));
        double vh = v[j] / (1 - Math.pow(0.999, t));
        p[j] -= lr * mh / (Math.sqrt(vh) + 1e-8);
      }
    }
    for (int j = 0; j < 3; j++) {
      assertThat(params.getDouble(j)).isCloseTo(p[j], Offset.offset(1e-7));
      assertThat(state.m().getDouble(j)).isCloseTo(m[j], Offset.offset(1e-9));
      assertThat(state.v().getDouble(j)).isCloseTo(v[j], Offset.offset(1e-9));
    }
    assertThat(state.t()).isEqualTo(3);
    assertThat(params.dataType()).isEqualTo(DataType.DOUBLE);
  }
}
