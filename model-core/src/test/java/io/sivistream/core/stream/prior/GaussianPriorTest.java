package io.sivistream.core.stream.prior;

import io.sivistream.core.linalg.Spd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sivistream.core.nn.Gaussian;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class GaussianPriorTest {

  static final double[] MEAN = {1.0, -2.0, 0.5};
  static final double[][] COV = {{2.0, 0.6, -0.3}, {0.6, 1.0, 0.2}, {-0.3, 0.2, 0.5}};

  @Test
  void scoreMatchesLogDensityDifferences() {
    GaussianPrior p = new GaussianPrior(MEAN, COV);
    PriorChecks.scoreMatchesLogDensity(p, PriorChecks.normals(6, 3, 1.5, 1), 1e-7);
  }

  @Test
  void hvpIsMinusPrecisionTimesV() {
    GaussianPrior p = new GaussianPrior(MEAN, COV);
    PriorChecks.hvpMatchesScoreDifferences(p, PriorChecks.normals(6, 3, 1.5, 2), 1e-4, 1e-8, 3);
    // and the precision is the inverse of the covariance
    double[][] prec = p.precision();
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        double s = 0;
        for (int k = 0; k < 3; k++) {
          s += COV[i][k] * prec[k][j];
        }
        assertThat(s).isCloseTo(i == j ? 1 : 0, Offset.offset(1e-12));
      }
    }
  }

  @Test
  void logDensityIsNormalised() {
    GaussianPrior p = new GaussianPrior(new double[] {0.5}, new double[][] {{4.0}});
    // N(2.5; 0.5, 4) = exp(-0.5) / sqrt(8 pi)
    assertThat(p.logDensity(new double[] {2.5})).isCloseTo(-0.5 - 0.5 * Math.log(8 * Math.PI), Offset.offset(1e-14));
  }

  @Test
  void floatPathIsCloseToDouble() {
    PriorChecks.floatCloseToDouble(new GaussianPrior(MEAN, COV), PriorChecks.normals(8, 3, 2.0, 4), 1e-5, 5);
  }

  @Test
  void fitRecoversKnownMeanAndCovariance() {
    double[][] l = Spd.cholesky(COV);
    SplittableRandom rng = new SplittableRandom(11);
    int n = 200_000;
    double[][] draws = new double[n][3];
    for (double[] x : draws) {
      double[] e = {Gaussian.next(rng), Gaussian.next(rng), Gaussian.next(rng)};
      for (int i = 0; i < 3; i++) {
        x[i] = MEAN[i];
        for (int k = 0; k <= i; k++) {
          x[i] += l[i][k] * e[k];
        }
      }
    }
    GaussianPrior p = GaussianPrior.fit(draws);
    // Monte Carlo standard errors: mean sd/sqrt(n) <= 0.0032, covariance about sqrt(2/n) * 2 <= 0.0063
    for (int i = 0; i < 3; i++) {
      assertThat(p.mean()[i]).isCloseTo(MEAN[i], Offset.offset(0.015));
      for (int j = 0; j < 3; j++) {
        assertThat(p.cov()[i][j]).as("cov[%d][%d]", i, j).isCloseTo(COV[i][j], Offset.offset(0.03));
      }
    }
  }

  @Test
  void fitOfTwoPointsAddsRidgeAndStillFactorises() {
    GaussianPrior p = GaussianPrior.fit(new double[][] {{0, 0}, {1, 1}});
    // the sample covariance [[.5,.5],[.5,.5]] is singular; the ridge 1e-9 * trace / d keeps it usable
    assertThat(p.cov()[0][0]).isCloseTo(0.5 + 0.5e-9, Offset.offset(1e-15));
    assertThat(p.scoreAt(Nd4j.create(DataType.DOUBLE, 1, 2)).score().toDoubleVector()).doesNotContain(Double.NaN);
  }

  @Test
  void rejectsBadCovariance() {
    assertThatThrownBy(() -> new GaussianPrior(new double[] {0, 0}, new double[][] {{1, 2}, {2, 1}}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive definite");
    assertThatThrownBy(() -> new GaussianPrior(new double[] {0, 0}, new double[][] {{1, 0.5}, {0.4, 1}}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("symmetric");
    assertThatThrownBy(() -> GaussianPrior.fit(new double[][] {{1}}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2 draws, got 1");
  }

  @Test
  void rejectsWrongShapeAndType() {
    GaussianPrior p = new GaussianPrior(MEAN, COV);
    assertThatThrownBy(() -> p.scoreAt(Nd4j.create(DataType.DOUBLE, 2, 4)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shape (n, 3)");
    assertThatThrownBy(() -> p.scoreAt(Nd4j.create(DataType.HALF, 2, 3)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FLOAT or DOUBLE");
  }

  @Test
  void returnedArraysAreTheCallersToModify() {
    GaussianPrior p = new GaussianPrior(MEAN, COV);
    var at = p.scoreAt(PriorChecks.batch(PriorChecks.normals(3, 3, 1, 9)));
    INDArray first = at.score();
    double[][] copy = first.toDoubleMatrix();
    first.muli(0.0);
    assertThat(at.score().toDoubleMatrix()).isDeepEqualTo(copy);
  }
}
