package io.sivistream.core.target;

import static io.sivistream.core.target.Checks.array;
import static io.sivistream.core.target.Checks.close;
import static io.sivistream.core.target.Checks.randomMatrix;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class LinearFrameTest {

  private static final double[][] COV = {{4.0, 1.2, -0.6}, {1.2, 1.0, 0.3}, {-0.6, 0.3, 0.5}};
  private static final double[] CENTER = {1.0, -2.0, 0.5};

  @Test
  void whitenedPosteriorPassesTheTargetChecks() {
    for (GlmLikelihood lik : Fixtures.likelihoods()) {
      PosteriorTarget posterior = new PosteriorTarget(new NormalPrior(PosteriorTargetTest.SDS), lik);
      double[][] cov = {{0.5, 0.1, 0, 0}, {0.1, 0.3, 0.05, 0}, {0, 0.05, 0.2, -0.02}, {0, 0, -0.02, 0.4}};
      LinearFrame frame = LinearFrame.whitening(posterior, new double[] {0.2, -0.4, 0.7, 0.1}, cov);
      Checks.checkTarget(frame, randomMatrix(5, 4, 0.5, 31), 41);
    }
  }

  /** A Gaussian target whitened by its own mean and covariance is the standard normal: S_u(u) = -u. */
  @Test
  void aGaussianWhitenedByItsOwnMomentsIsStandardNormal() {
    double[][] precision = io.sivistream.core.linalg.Spd.inverseSpd(COV);
    Target gaussian = new Target() {
      @Override
      public int dim() {
        return 3;
      }

      @Override
      public java.util.List<String> parameterNames() {
        return java.util.List.of("a", "b", "c");
      }

      @Override
      public int dataRows() {
        return 0;
      }

      @Override
      public ScoreAt scoreAt(INDArray x, int[] rows) {
        INDArray centred = x.subRowVector(array(new double[][] {CENTER}));
        INDArray p = array(precision);
        return new ScoreAt() {
          @Override
          public INDArray score() {
            return centred.mmul(p).negi();
          }

          @Override
          public INDArray hessianVectorProduct(INDArray v) {
            return v.mmul(p).negi();
          }
        };
      }

      @Override
      public double logDensity(double[] x) {
        double s = 0;
        for (int i = 0; i < 3; i++) {
          for (int j = 0; j < 3; j++) {
            s += (x[i] - CENTER[i]) * precision[i][j] * (x[j] - CENTER[j]);
          }
        }
        return -0.5 * s;
      }

      @Override
      public double[] gradLogDensity(double[] x) {
        double[] g = new double[3];
        for (int i = 0; i < 3; i++) {
          for (int j = 0; j < 3; j++) {
            g[i] -= precision[i][j] * (x[j] - CENTER[j]);
          }
        }
        return g;
      }
    };
    LinearFrame frame = LinearFrame.whitening(gaussian, CENTER, COV);
    double[][] u = randomMatrix(6, 3, 1.0, 7);
    ScoreAt at = frame.scoreAt(array(u), null);
    double[][] minusU = new double[6][3];
    for (int i = 0; i < 6; i++) {
      for (int j = 0; j < 3; j++) {
        minusU[i][j] = -u[i][j];
      }
    }
    close(at.score().toDoubleMatrix(), minusU, 1e-9, "whitened score");
    close(at.hessianVectorProduct(array(u)).toDoubleMatrix(), minusU, 1e-9, "whitened Hessian times u");
    close(frame.gradLogDensity(u[0]), minusU[0], 1e-9, "whitened gradLogDensity");
  }

  @Test
  void aCovarianceThatIsNotPositiveDefiniteIsRefused() {
    PosteriorTarget posterior = new PosteriorTarget(new NormalPrior(PosteriorTargetTest.SDS), Fixtures.likelihoods().get(0));
    double[][] singular = {{1, 1, 0, 0}, {1, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}};
    assertThatThrownBy(() -> LinearFrame.whitening(posterior, new double[4], singular))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not positive definite");
  }
}
