package io.sivistream.core.stream.prior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sivistream.core.family.FittedPosterior;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class MixturePriorTest {

  /** Five components in 3-D, with distinct sds per component (general path). */
  static MixturePrior general() {
    double[][] means = PriorChecks.normals(5, 3, 1.5, 21);
    double[][] sds = PriorChecks.normals(5, 3, 1.0, 22);
    for (double[] row : sds) {
      for (int j = 0; j < row.length; j++) {
        row[j] = 0.4 + 0.3 * Math.abs(row[j]);
      }
    }
    return new MixturePrior(means, sds);
  }

  /** Five components sharing one sd vector (fast path). */
  static MixturePrior shared() {
    double[][] means = PriorChecks.normals(5, 3, 1.5, 23);
    double[][] sds = new double[5][];
    for (int k = 0; k < 5; k++) {
      sds[k] = new double[] {0.6, 0.9, 0.45};
    }
    return new MixturePrior(means, sds);
  }

  @Test
  void scoreMatchesLogDensityDifferences() {
    double[][] x = PriorChecks.normals(8, 3, 1.5, 24);
    PriorChecks.scoreMatchesLogDensity(general(), x, 1e-7);
    PriorChecks.scoreMatchesLogDensity(shared(), x, 1e-7);
  }

  @Test
  void hvpMatchesScoreDifferences() {
    double[][] x = PriorChecks.normals(8, 3, 1.5, 25);
    assertThat(general().sharedSds()).isFalse();
    assertThat(shared().sharedSds()).isTrue();
    PriorChecks.hvpMatchesScoreDifferences(general(), x, 1e-5, 1e-6, 26);
    PriorChecks.hvpMatchesScoreDifferences(shared(), x, 1e-5, 1e-6, 27);
  }

  @Test
  void sharedPathEqualsGeneralPath() {
    MixturePrior p = shared();
    INDArray x = PriorChecks.batch(PriorChecks.normals(10, 3, 2.0, 28));
    INDArray v = PriorChecks.batch(PriorChecks.normals(10, 3, 1.0, 29));
    var fast = p.scoreAt(x, true);
    var slow = p.scoreAt(x, false);
    PriorChecks.assertClose(fast.score().toDoubleMatrix(), slow.score().toDoubleMatrix(), 1e-12, "score");
    PriorChecks.assertClose(fast.hessianVectorProduct(v).toDoubleMatrix(), slow.hessianVectorProduct(v).toDoubleMatrix(), 1e-12, "hvp");
  }

  @Test
  void oneComponentIsThatGaussian() {
    MixturePrior p = new MixturePrior(new double[][] {{1.0, -1.0}}, new double[][] {{2.0, 0.5}});
    GaussianPrior g = new GaussianPrior(new double[] {1.0, -1.0}, new double[][] {{4.0, 0}, {0, 0.25}});
    double[] x = {0.3, 0.2};
    assertThat(p.logDensity(x)).isCloseTo(g.logDensity(x), Offset.offset(1e-13));
    assertThat(p.gradLogDensity(x)).containsExactly(g.gradLogDensity(x), Offset.offset(1e-13));
  }

  @Test
  void farFromOriginTheFloatPathKeepsItsPrecision() {
    // centred on 1000 with sds 0.1: uncentred FLOAT logits would be ~1e8 and lose every digit
    double[][] means = PriorChecks.normals(6, 3, 0.2, 30);
    double[][] sds = new double[6][];
    for (int k = 0; k < 6; k++) {
      for (int j = 0; j < 3; j++) {
        means[k][j] += 1000;
      }
      sds[k] = new double[] {0.1, 0.1, 0.1};
    }
    double[][] x = PriorChecks.normals(8, 3, 0.2, 31);
    for (double[] row : x) {
      for (int j = 0; j < 3; j++) {
        row[j] += 1000;
      }
    }
    // x itself is only known to FLOAT precision (~6e-5 at 1000), which moves the score by ~6e-3/0.01
    PriorChecks.floatCloseToDouble(new MixturePrior(means, sds), x, 2e-2, 32);
  }

  @Test
  void floatPathIsCloseToDouble() {
    double[][] x = PriorChecks.normals(8, 3, 1.5, 33);
    PriorChecks.floatCloseToDouble(general(), x, 1e-4, 34);
    PriorChecks.floatCloseToDouble(shared(), x, 1e-4, 35);
  }

  @Test
  void snapshotOfAFamilyUsesItsComponents() {
    FittedPosterior q = Families.gaussian();
    MixturePrior p = MixturePrior.of(q.components(50, 3));
    assertThat(p.components()).isEqualTo(50);
    assertThat(p.sharedSds()).isTrue();
    assertThat(p.sds()[7]).containsExactly(Families.SCALE[0] * Families.SIGMA[0], Families.SCALE[1] * Families.SIGMA[1]);
  }

  @Test
  void rejectsBadComponents() {
    assertThatThrownBy(() -> new MixturePrior(new double[][] {{0, 0}}, new double[][] {{1, -1}}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sds must be finite and > 0, got -1.0 at [0][1]");
    assertThatThrownBy(() -> new MixturePrior(new double[0][], new double[0][]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1 component");
  }
}
