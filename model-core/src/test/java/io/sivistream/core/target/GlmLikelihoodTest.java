package io.sivistream.core.target;

import static io.sivistream.core.target.Checks.array;
import static io.sivistream.core.target.Checks.close;
import static io.sivistream.core.target.Checks.randomMatrix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class GlmLikelihoodTest {

  static Stream<GlmLikelihood> likelihoods() {
    return Fixtures.likelihoods().stream();
  }

  /** The likelihood alone as a target, to run the shared checks on it. */
  static Target asTarget(Likelihood lik) {
    return new Target() {
      @Override
      public int dim() {
        return lik.dim();
      }

      @Override
      public List<String> parameterNames() {
        return lik.parameterNames();
      }

      @Override
      public int dataRows() {
        return lik.rows();
      }

      @Override
      public ScoreAt scoreAt(INDArray x, int[] rows) {
        return lik.scoreAt(x, rows, rows == null ? 1 : (double) lik.rows() / rows.length);
      }

      @Override
      public double logDensity(double[] x) {
        return lik.logDensity(x);
      }

      @Override
      public double[] gradLogDensity(double[] x) {
        return lik.gradLogDensity(x);
      }
    };
  }

  static double[][] points() {
    return randomMatrix(5, Fixtures.NAMES.size(), 0.5, 11);
  }

  @ParameterizedTest
  @MethodSource("likelihoods")
  void scoreAndHvpMatchFiniteDifferencesInBothPaths(GlmLikelihood lik) {
    Checks.checkTarget(asTarget(lik), points(), 21);
  }

  @ParameterizedTest
  @MethodSource("likelihoods")
  void disjointMinibatchesAverageToTheFullScoreAndHvp(GlmLikelihood lik) {
    INDArray x = array(points());
    INDArray v = array(randomMatrix(5, lik.dim(), 1.0, 12));
    ScoreAt full = lik.scoreAt(x, null, 1.0);
    int b = 12;
    int batches = lik.rows() / b;
    INDArray sumScore = null;
    INDArray sumHvp = null;
    for (int k = 0; k < batches; k++) {
      int[] rows = new int[b];
      for (int i = 0; i < b; i++) {
        rows[i] = (i * batches + k * 7) % lik.rows(); // a permutation: batches is coprime to 7
      }
      ScoreAt at = lik.scoreAt(x, rows, (double) lik.rows() / b);
      sumScore = sumScore == null ? at.score().dup() : sumScore.addi(at.score());
      INDArray h = at.hessianVectorProduct(v);
      sumHvp = sumHvp == null ? h.dup() : sumHvp.addi(h);
    }
    close(sumScore.div(batches), full.score().toDoubleMatrix(), 1e-10, "mean minibatch score");
    close(sumHvp.div(batches), full.hessianVectorProduct(v).toDoubleMatrix(), 1e-10, "mean minibatch HVP");
  }

  @ParameterizedTest
  @MethodSource("likelihoods")
  void allRowsAsAMinibatchEqualTheFullDataPath(GlmLikelihood lik) {
    // For linear regression this compares the AᵀA path with the per-row path.
    INDArray x = array(points());
    INDArray v = array(randomMatrix(5, lik.dim(), 1.0, 13));
    int[] all = new int[lik.rows()];
    for (int i = 0; i < all.length; i++) {
      all[i] = all.length - 1 - i;
    }
    ScoreAt full = lik.scoreAt(x, null, 2.5);
    ScoreAt batch = lik.scoreAt(x, all, 2.5);
    close(batch.score(), full.score().toDoubleMatrix(), 1e-10, "score");
    close(batch.hessianVectorProduct(v), full.hessianVectorProduct(v).toDoubleMatrix(), 1e-10, "HVP");
  }

  @ParameterizedTest
  @MethodSource("likelihoods")
  void minibatchFloatPathAgreesWithDouble(GlmLikelihood lik) {
    INDArray x = array(points());
    INDArray v = array(randomMatrix(5, lik.dim(), 1.0, 14));
    int[] rows = {3, 17, 17, 42, 59, 0};
    ScoreAt d = lik.scoreAt(x, rows, 10);
    ScoreAt f = lik.scoreAt(x.castTo(DataType.FLOAT), rows, 10);
    Checks.closeRelative(f.score(), d.score(), 1e-4, "score");
    Checks.closeRelative(f.hessianVectorProduct(v.castTo(DataType.FLOAT)), d.hessianVectorProduct(v), 1e-4, "HVP");
  }

  @Test
  void logisticLogDensityIsStableForLargeLinearPredictors() {
    double[][] f = {{1, 1000}, {1, -1000}};
    LogisticRegression lik = new LogisticRegression(f, new double[] {1, 1}, List.of("i", "a"));
    // Row 1: η = 1000, y = 1 → log σ(η) ≈ 0; row 2: η = −1000, y = 1 → log σ(η) ≈ −1000.
    assertThat(lik.logDensity(new double[] {0, 1})).isCloseTo(-1000, org.assertj.core.data.Offset.offset(1e-9));
    close(lik.gradLogDensity(new double[] {0, 1}), new double[] {1, -1000}, 1e-12, "grad");
  }

  @Test
  void linearRegressionLogDensityIsTheResidualSumOfSquares() {
    double[][] f = {{1, 0}, {1, 1}, {1, 2}};
    LinearRegression lik = new LinearRegression(f, new double[] {1, 2, 4}, 2.0, List.of("i", "a"));
    // residuals at x = (1, 1): 0, 0, 1 → −1 / (2 · 4)
    assertThat(lik.logDensity(new double[] {1, 1})).isCloseTo(-0.125, org.assertj.core.data.Offset.offset(1e-12));
    close(lik.gradLogDensity(new double[] {1, 1}), new double[] {0.25, 0.5}, 1e-12, "grad");
  }

  @Test
  void rejectsBadInputs() {
    LogisticRegression lik = Fixtures.logistic(2);
    INDArray x = array(points());
    assertThatThrownBy(() -> lik.scoreAt(x, new int[] {0, 60}, 1))
        .hasMessage("rows[1] = 60 is out of range [0, 60)");
    assertThatThrownBy(() -> lik.scoreAt(x, new int[0], 1)).hasMessageContaining("rows must not be empty");
    assertThatThrownBy(() -> lik.scoreAt(array(new double[][] {{1, 2}}), null, 1))
        .hasMessage("x must have shape (n, 4), got [1, 2]");
    assertThatThrownBy(() -> lik.scoreAt(x, null, 1).hessianVectorProduct(x.castTo(DataType.FLOAT)))
        .hasMessage("v must have the data type of x (DOUBLE), got FLOAT");
    assertThatThrownBy(() -> new LinearRegression(new double[][] {{1}}, new double[] {1}, 0, List.of("a")))
        .hasMessage("noise.sd must be finite and > 0, got 0.0");
    assertThatThrownBy(() -> new PoissonRegression(new double[][] {{1}, {1, 2}}, new double[] {1, 2}, List.of("a")))
        .hasMessage("row 2: expected 1 features [a], got 2");
    assertThatThrownBy(() -> new PoissonRegression(new double[][] {{1}}, new double[] {1, 2}, List.of("a")))
        .hasMessage("1 feature rows but 2 labels");
  }
}
