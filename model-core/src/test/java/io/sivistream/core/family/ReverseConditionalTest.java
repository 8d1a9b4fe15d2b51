package io.sivistream.core.family;

import static org.assertj.core.api.Assertions.assertThat;

import io.sivistream.core.linalg.Spd;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The reverse-conditional score of a family whose marginal is known in closed form: with the MLP's
 * last layer set to a constant b, mu(z) = b + z W, and q(u) = N(b, Wᵀ W + diag sigma²). Its score
 * −Σ⁻¹ (u − b) and Hessian −Σ⁻¹ are computed here from Σ directly, not by the estimator.
 */
class ReverseConditionalTest {

  /**
   * Draws for the Hessian check. Its two terms, −diag(1/sigma²) and the covariance of the
   * conditional scores, nearly cancel (Woodbury), so the covariance's Monte Carlo error of about
   * 1/sqrt(draws) is amplified by the ratio of 1/sigma² to the marginal precision: 0.36 relative
   * error at 4,000 draws with sigma in [0.1, 0.6].
   */
  private static final int HESSIAN_DRAWS = 20_000;
  /** Relative RMS error allowed for the Hessian-vector products: measured 0.098 in 22 dimensions at 20,000 draws. */
  private static final double HESSIAN_TOLERANCE = 0.15;

  @ParameterizedTest
  @ValueSource(ints = {2, 22})
  void scoreAndHessianMatchTheGaussianMarginal(int d) {
    SemiImplicitFamily family = new SemiImplicitFamily(d, names(d), FamilyConfig.DEFAULT);
    int k = family.latentDim();
    long skipOffset = family.mlp().paramCount();
    double[] p = family.initParams(3);
    SplittableRandom rng = new SplittableRandom(5);
    // last layer: zero weights, bias b; skip W random; sigma per coordinate in [0.3, 0.8]
    int out = family.mlp().outputDim();
    int lastLayerStart = (int) (skipOffset - (long) out * FamilyConfig.DEFAULT.hidden().get(FamilyConfig.DEFAULT.hidden().size() - 1) - out);
    java.util.Arrays.fill(p, lastLayerStart, (int) skipOffset, 0.0);
    double[] b = new double[d];
    for (int j = 0; j < d; j++) {
      b[j] = rng.nextDouble(-1, 1);
      p[(int) skipOffset - out + j] = b[j];
    }
    double[][] w = new double[k][d];
    for (int r = 0; r < k; r++) {
      for (int j = 0; j < d; j++) {
        w[r][j] = rng.nextDouble(-0.5, 0.5);
        p[(int) (skipOffset + (long) r * d + j)] = w[r][j];
      }
    }
    double[] sigma = new double[d];
    for (int j = 0; j < d; j++) {
      sigma[j] = rng.nextDouble(0.3, 0.8);
      p[(int) (skipOffset + (long) k * d + j)] = Math.log(sigma[j]);
    }
    double[][] cov = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        double s = i == j ? sigma[i] * sigma[i] : 0.0;
        for (int r = 0; r < k; r++) {
          s += w[r][i] * w[r][j];
        }
        cov[i][j] = s;
      }
    }
    double[][] precision = Spd.inverseFromCholesky(Spd.cholesky(cov));

    int n = 16;
    double[] u = new double[n * d];
    double[] v = new double[n * d];
    for (int i = 0; i < u.length; i++) {
      u[i] = b[i % d] + 2 * rng.nextDouble(-1, 1);
      v[i] = rng.nextDouble(-1, 1);
    }
    ReverseConditional.Estimate e = new ReverseConditional(family, p, 8, 3, 7)
        .estimate(Nd4j.create(u, new long[] {n, d}, 'c').castTo(DataType.DOUBLE));
    double[] score = e.score();
    // a mode search started elsewhere (as from the latents that drew the points) reaches the same
    // Gaussian reverse conditional: the score is still exact
    double[] starts = new double[n * k];
    for (int i = 0; i < starts.length; i++) {
      starts[i] = 3 * rng.nextDouble(-1, 1);
    }
    double[] warmScore = new ReverseConditional(family, p, 8, 3, 7)
        .estimate(Nd4j.create(u, new long[] {n, d}, 'c').castTo(DataType.DOUBLE), starts).score();
    // the Hessian's covariance term is a Monte Carlo estimate even for this family: many draws
    double[] hv = new ReverseConditional(family, p, HESSIAN_DRAWS, 3, 9)
        .estimate(Nd4j.create(u, new long[] {n, d}, 'c').castTo(DataType.DOUBLE)).hessianVectorProduct(v);
    double hvError = 0;
    double hvNorm = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        double exactScore = 0;
        double exactHv = 0;
        for (int l = 0; l < d; l++) {
          exactScore -= precision[j][l] * (u[i * d + l] - b[l]);
          exactHv -= precision[j][l] * v[i * d + l];
        }
        assertThat(score[i * d + j]).as("score[%d][%d]", i, j).isCloseTo(exactScore, org.assertj.core.data.Offset.offset(
            1e-6 * (1 + Math.abs(exactScore))));
        assertThat(warmScore[i * d + j]).as("score from given starts [%d][%d]", i, j).isCloseTo(exactScore,
            org.assertj.core.data.Offset.offset(1e-6 * (1 + Math.abs(exactScore))));
        hvError += (hv[i * d + j] - exactHv) * (hv[i * d + j] - exactHv);
        hvNorm += exactHv * exactHv;
      }
    }
    assertThat(Math.sqrt(hvError / hvNorm)).as("relative error of the Hessian-vector products").isLessThan(HESSIAN_TOLERANCE);
    assertThat(e.meanEss()).isCloseTo(8.0, org.assertj.core.data.Offset.offset(1e-6));
  }

  private static List<String> names(int d) {
    List<String> names = new ArrayList<>();
    for (int j = 0; j < d; j++) {
      names.add("x" + j);
    }
    return names;
  }
}
