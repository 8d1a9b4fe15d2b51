package io.sivistream.core.target;

import static io.sivistream.core.target.Checks.array;
import static io.sivistream.core.target.Checks.close;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class NormalPriorTest {

  @Test
  void scoreAndHvpAreMinusXOverVariance() {
    NormalPrior p = new NormalPrior(new double[] {1, 2});
    INDArray x = array(new double[][] {{1, 4}, {-2, 2}});
    ScoreAt at = p.scoreAt(x);
    close(at.score(), new double[][] {{-1, -1}, {2, -0.5}}, 1e-15, "score");
    close(at.hessianVectorProduct(array(new double[][] {{3, 8}, {0, 1}})),
        new double[][] {{-3, -2}, {0, -0.25}}, 1e-15, "HVP");
    assertThat(at.score().castTo(DataType.FLOAT).dataType()).isEqualTo(DataType.FLOAT);
    assertThat(p.scoreAt(x.castTo(DataType.FLOAT)).score().dataType()).isEqualTo(DataType.FLOAT);
    assertThat(p.logDensity(new double[] {1, 4})).isEqualTo(-0.5 * (1 + 4));
    close(p.gradLogDensity(new double[] {1, 4}), new double[] {-1, -1}, 0, "grad");
  }

  @Test
  void isotropicRepeatsTheSd() {
    NormalPrior p = NormalPrior.isotropic(3, 10);
    assertThat(p.dim()).isEqualTo(3);
    assertThat(p.sds()).containsExactly(10, 10, 10);
  }

  @Test
  void rejectsNonPositiveSds() {
    assertThatThrownBy(() -> NormalPrior.isotropic(2, -1)).hasMessage("prior.sd must be finite and > 0, got -1.0");
    assertThatThrownBy(() -> new NormalPrior(new double[] {1, 0}))
        .hasMessage("prior.sd[1] must be finite and > 0, got 0.0");
    assertThatThrownBy(() -> new NormalPrior(new double[] {Double.NaN}))
        .hasMessage("prior.sd[0] must be finite and > 0, got NaN");
  }
}
