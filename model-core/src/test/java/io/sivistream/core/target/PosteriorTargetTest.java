package io.sivistream.core.target;

import static io.sivistream.core.target.Checks.array;
import static io.sivistream.core.target.Checks.close;
import static io.sivistream.core.target.Checks.randomMatrix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;

class PosteriorTargetTest {

  static final double[] SDS = {2.0, 1.0, 0.5, 3.0};

  static Stream<GlmLikelihood> likelihoods() {
    return Fixtures.likelihoods().stream();
  }

  /** A prior the posterior cannot recognise, forcing the generic (unfused) path. */
  static Prior opaque(Prior p) {
    return new Prior() {
      @Override
      public int dim() {
        return p.dim();
      }

      @Override
      public ScoreAt scoreAt(INDArray x) {
        return p.scoreAt(x);
      }

      @Override
      public double logDensity(double[] x) {
        return p.logDensity(x);
      }

      @Override
      public double[] gradLogDensity(double[] x) {
        return p.gradLogDensity(x);
      }
    };
  }

  static double[][] points() {
    return randomMatrix(5, SDS.length, 0.5, 31);
  }

  @ParameterizedTest
  @MethodSource("likelihoods")
  void fusedPathPassesTheTargetChecks(GlmLikelihood lik) {
    Checks.checkTarget(new PosteriorTarget(new NormalPrior(SDS), lik), points(), 41);
  }

  @ParameterizedTest
  @MethodSource("likelihoods")
  void genericPathPassesTheTargetChecks(GlmLikelihood lik) {
    Checks.checkTarget(new PosteriorTarget(opaque(new NormalPrior(SDS)), lik), points(), 42);
  }

  @ParameterizedTest
  @MethodSource("likelihoods")
  void fusedAndGenericPathsAgreeOnMinibatches(GlmLikelihood lik) {
    PosteriorTarget fused = new PosteriorTarget(new NormalPrior(SDS), lik);
    PosteriorTarget generic = new PosteriorTarget(opaque(new NormalPrior(SDS)), lik);
    INDArray x = array(points());
    INDArray v = array(randomMatrix(5, SDS.length, 1.0, 32));
    int[] rows = {5, 6, 7, 50, 1};
    ScoreAt a = fused.scoreAt(x, rows);
    ScoreAt b = generic.scoreAt(x, rows);
    close(a.score(), b.score().toDoubleMatrix(), 1e-12, "score");
    close(a.hessianVectorProduct(v), b.hessianVectorProduct(v).toDoubleMatrix(), 1e-12, "HVP");
  }

  /** A dense Gaussian prior (a streaming window's snapshot) also starts the GLM's gemms. */
  @ParameterizedTest
  @MethodSource("likelihoods")
  void denseGaussianPriorIsFusedToo(GlmLikelihood lik) {
    double[] mean = {0.3, -0.2, 0.1, 0.5};
    double[][] cov = {{2.0, 0.3, 0.0, 0.1}, {0.3, 1.0, -0.2, 0.0}, {0.0, -0.2, 0.5, 0.05}, {0.1, 0.0, 0.05, 3.0}};
    Prior gaussian = new io.sivistream.core.stream.prior.GaussianPrior(mean, cov);
    PosteriorTarget fused = new PosteriorTarget(gaussian, lik);
    PosteriorTarget generic = new PosteriorTarget(opaque(gaussian), lik);
    Checks.checkTarget(fused, points(), 43);
    INDArray x = array(points());
    INDArray v = array(randomMatrix(5, SDS.length, 1.0, 34));
    for (int[] rows : new int[][] {null, {5, 6, 7, 50, 1}}) {
      ScoreAt a = fused.scoreAt(x, rows);
      ScoreAt b = generic.scoreAt(x, rows);
      close(a.score(), b.score().toDoubleMatrix(), 1e-12, "score");
      close(a.hessianVectorProduct(v), b.hessianVectorProduct(v).toDoubleMatrix(), 1e-12, "HVP");
      // single precision goes through the direct kernels
      INDArray xf = x.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
      INDArray vf = v.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
      ScoreAt af = fused.scoreAt(xf, rows);
      close(af.score().castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE), b.score().toDoubleMatrix(), 2e-4, "float score");
      close(af.hessianVectorProduct(vf).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE),
          b.hessianVectorProduct(v).toDoubleMatrix(), 2e-4, "float HVP");
    }
  }

  @ParameterizedTest
  @MethodSource("likelihoods")
  void minibatchRescalesOnlyTheLikelihood(GlmLikelihood lik) {
    // Averaging over disjoint minibatches (scale rows / b) must give the full posterior score: the
    // likelihood is rescaled, the prior counted once per minibatch.
    PosteriorTarget t = new PosteriorTarget(new NormalPrior(SDS), lik);
    INDArray x = array(points());
    INDArray v = array(randomMatrix(5, SDS.length, 1.0, 33));
    int b = 20;
    int batches = lik.rows() / b;
    INDArray score = null;
    INDArray hvp = null;
    for (int k = 0; k < batches; k++) {
      int[] rows = new int[b];
      for (int i = 0; i < b; i++) {
        rows[i] = k * b + i;
      }
      ScoreAt at = t.scoreAt(x, rows);
      score = score == null ? at.score().dup() : score.addi(at.score());
      INDArray h = at.hessianVectorProduct(v);
      hvp = hvp == null ? h.dup() : hvp.addi(h);
    }
    ScoreAt full = t.scoreAt(x, null);
    close(score.div(batches), full.score().toDoubleMatrix(), 1e-10, "mean minibatch score");
    close(hvp.div(batches), full.hessianVectorProduct(v).toDoubleMatrix(), 1e-10, "mean minibatch HVP");
  }

  @Test
  void plainPathIsPriorPlusLikelihood() {
    GlmLikelihood lik = Fixtures.poisson(3);
    NormalPrior prior = new NormalPrior(SDS);
    PosteriorTarget t = new PosteriorTarget(prior, lik);
    double[] x = {0.1, -0.2, 0.3, 0.4};
    assertThat(t.logDensity(x)).isEqualTo(prior.logDensity(x) + lik.logDensity(x));
    double[] expected = lik.gradLogDensity(x);
    double[] p = prior.gradLogDensity(x);
    for (int j = 0; j < x.length; j++) {
      expected[j] += p[j];
    }
    close(t.gradLogDensity(x), expected, 1e-15, "grad");
    close(new PosteriorTarget(opaque(prior), lik).gradLogDensity(x), expected, 1e-15, "generic grad");
    assertThat(t.parameterNames()).isEqualTo(Fixtures.NAMES);
    assertThat(t.dataRows()).isEqualTo(Fixtures.ROWS);
    assertThat(t.dim()).isEqualTo(4);
  }

  @Test
  void rejectsMismatchedDimensions() {
    assertThatThrownBy(() -> new PosteriorTarget(NormalPrior.isotropic(3, 1), Fixtures.linear(1)))
        .hasMessage("prior dimension 3 does not match likelihood dimension 4");
  }

  /** A window kept as a sample: weight w on its rows must equal the rows repeated w times. */
  @ParameterizedTest
  @MethodSource("likelihoods")
  void aWeightCountsEachRowThatManyTimes(GlmLikelihood lik) {
    int w = 3;
    double[][] f = new double[lik.rows * w][];
    double[] y = new double[lik.rows * w];
    for (int i = 0; i < lik.rows * w; i++) {
      int r = i % lik.rows;
      f[i] = java.util.Arrays.copyOfRange(lik.a, r * lik.dim, (r + 1) * lik.dim);
      y[i] = lik.y[r];
    }
    GlmLikelihood replicated = lik instanceof LinearRegression ? new LinearRegression(f, y, 0.5, lik.parameterNames())
        : lik instanceof LogisticRegression ? new LogisticRegression(f, y, lik.parameterNames())
        : new PoissonRegression(f, y, lik.parameterNames());
    for (Prior prior : java.util.List.of(new NormalPrior(SDS), opaque(new NormalPrior(SDS)))) {
      PosteriorTarget weighted = new PosteriorTarget(prior, lik, w);
      PosteriorTarget expected = new PosteriorTarget(prior, replicated);
      INDArray x = array(points());
      INDArray v = array(randomMatrix(5, SDS.length, 1.0, 33));
      ScoreAt a = weighted.scoreAt(x, null);
      ScoreAt b = expected.scoreAt(x, null);
      close(a.score(), b.score().toDoubleMatrix(), 1e-9, "weighted score");
      close(a.hessianVectorProduct(v), b.hessianVectorProduct(v).toDoubleMatrix(), 1e-9, "weighted HVP");
      double[] point = points()[0];
      assertThat(weighted.logDensity(point) - weighted.logDensity(new double[SDS.length]))
          .isCloseTo(expected.logDensity(point) - expected.logDensity(new double[SDS.length]),
              org.assertj.core.api.Assertions.within(1e-8));
      assertThat(weighted.gradLogDensity(point))
          .containsExactly(expected.gradLogDensity(point), org.assertj.core.api.Assertions.within(1e-9));
    }
    assertThatThrownBy(() -> new PosteriorTarget(new NormalPrior(SDS), lik, 0.5))
        .hasMessageContaining("likelihood weight must be finite and >= 1");
  }
}
