package io.sivistream.core.stream.prior;

import io.sivistream.core.linalg.Spd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sivistream.core.target.Prior;
import io.sivistream.core.target.ScoreAt;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class TemperedPriorTest {

  static final GaussianPrior PREVIOUS = new GaussianPrior(GaussianPriorTest.MEAN, GaussianPriorTest.COV);
  static final IndependentNormalPrior BASE = new IndependentNormalPrior(new double[] {3.0, 2.0, 5.0});

  @Test
  void temperingTwoGaussiansGivesTheGaussianWithBlendedPrecision() {
    double lambda = 0.3;
    TemperedPrior t = new TemperedPrior(PREVIOUS, BASE, lambda);
    // q^λ p0^(1−λ) ∝ N(m*, P*⁻¹) with P* = λ P_q + (1−λ) P_0 and P* m* = λ P_q m_q
    double[][] pq = PREVIOUS.precision();
    double[] sds = BASE.sds();
    double[][] p = new double[3][3];
    double[] b = new double[3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        p[i][j] = lambda * pq[i][j] + (i == j ? (1 - lambda) / (sds[i] * sds[i]) : 0);
        b[i] += lambda * pq[i][j] * GaussianPriorTest.MEAN[j];
      }
    }
    double[][] cov = Spd.inverseFromCholesky(Spd.cholesky(p));
    double[] mean = new double[3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        mean[i] += cov[i][j] * b[j];
      }
    }
    GaussianPrior expected = new GaussianPrior(mean, cov);
    INDArray x = PriorChecks.batch(PriorChecks.normals(6, 3, 2.0, 41));
    INDArray v = PriorChecks.batch(PriorChecks.normals(6, 3, 1.0, 42));
    PriorChecks.assertClose(t.scoreAt(x).score().toDoubleMatrix(), expected.scoreAt(x).score().toDoubleMatrix(), 1e-12, "score");
    PriorChecks.assertClose(t.scoreAt(x).hessianVectorProduct(v).toDoubleMatrix(),
        expected.scoreAt(x).hessianVectorProduct(v).toDoubleMatrix(), 1e-12, "hvp");
    double[] x0 = {0.1, 0.2, -0.3};
    assertThat(t.gradLogDensity(x0)).containsExactly(expected.gradLogDensity(x0), Offset.offset(1e-12));
    assertThat(t.logDensity(x0)).isCloseTo(lambda * PREVIOUS.logDensity(x0) + (1 - lambda) * BASE.logDensity(x0), Offset.offset(1e-12));
  }

  /** The streaming update stores this product instead of a TemperedPrior of two Gaussians. */
  @Test
  void gaussianTemperedWithItsBaseIsTheSamePrior() {
    double lambda = 0.7;
    TemperedPrior t = new TemperedPrior(PREVIOUS, BASE, lambda);
    GaussianPrior product = PREVIOUS.temperedWith(BASE.sds(), lambda);
    INDArray x = PriorChecks.batch(PriorChecks.normals(6, 3, 2.0, 47));
    INDArray v = PriorChecks.batch(PriorChecks.normals(6, 3, 1.0, 48));
    PriorChecks.assertClose(product.scoreAt(x).score().toDoubleMatrix(), t.scoreAt(x).score().toDoubleMatrix(), 1e-12, "score");
    PriorChecks.assertClose(product.scoreAt(x).hessianVectorProduct(v).toDoubleMatrix(),
        t.scoreAt(x).hessianVectorProduct(v).toDoubleMatrix(), 1e-12, "hvp");
    assertThatThrownBy(() -> PREVIOUS.temperedWith(new double[] {1.0}, lambda))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("base prior has 1 sds, expected 3");
  }

  @Test
  void scoreAndHvpMatchFiniteDifferences() {
    TemperedPrior t = new TemperedPrior(MixturePriorTest.general(), BASE, 0.6);
    double[][] x = PriorChecks.normals(6, 3, 1.5, 43);
    PriorChecks.scoreMatchesLogDensity(t, x, 1e-7);
    PriorChecks.hvpMatchesScoreDifferences(t, x, 1e-5, 1e-6, 44);
    PriorChecks.floatCloseToDouble(t, x, 1e-4, 45);
  }

  @Test
  void lambdaOneNeverEvaluatesTheBase() {
    TemperedPrior t = new TemperedPrior(PREVIOUS, new ExplodingPrior(3), 1.0);
    INDArray x = PriorChecks.batch(PriorChecks.normals(4, 3, 1.0, 46));
    assertThat(t.scoreAt(x).score().toDoubleMatrix()).isDeepEqualTo(PREVIOUS.scoreAt(x).score().toDoubleMatrix());
    double[] x0 = {1, 2, 3};
    assertThat(t.gradLogDensity(x0)).containsExactly(PREVIOUS.gradLogDensity(x0));
    assertThat(t.logDensity(x0)).isEqualTo(PREVIOUS.logDensity(x0));
  }

  @Test
  void rejectsBadLambdaAndDimensions() {
    assertThatThrownBy(() -> new TemperedPrior(PREVIOUS, BASE, 0.0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("stream.forgetting must be in (0, 1], got 0.0");
    assertThatThrownBy(() -> new TemperedPrior(PREVIOUS, BASE, 1.5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TemperedPrior(PREVIOUS, new IndependentNormalPrior(new double[] {1, 1}), 0.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimension 3 but base has 2");
  }

  /** A base that must not be touched. */
  private record ExplodingPrior(int dim) implements Prior {
    @Override
    public ScoreAt scoreAt(INDArray x) {
      throw new AssertionError("base evaluated");
    }

    @Override
    public double logDensity(double[] x) {
      throw new AssertionError("base evaluated");
    }

    @Override
    public double[] gradLogDensity(double[] x) {
      throw new AssertionError("base evaluated");
    }
  }
}
