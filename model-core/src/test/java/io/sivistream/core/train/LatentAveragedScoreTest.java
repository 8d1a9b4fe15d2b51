package io.sivistream.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The batch-averaged conditional score against the exact conditional mean on a family where it
 * is known: mu(z) = a z with z ~ N(0, I), so q(x) = N(0, (a² + sigma²) I) and
 * E[eps/sigma | x] = -∇log q(x) = x / (a² + sigma²).
 */
class LatentAveragedScoreTest {

  private static final int N = 50;
  private static final int D = 2;
  private static final double A = 1.0;
  private static final double SIGMA = 0.5;

  @Test
  void averageIsUnbiasedForTheMarginalScoreAndLessNoisyThanTheConditionalOne() {
    LatentAveragedScore average = new LatentAveragedScore(DataType.DOUBLE, N, D);
    INDArray invSigma = Nd4j.valueArrayOf(new long[] {1, D}, 1.0 / SIGMA, DataType.DOUBLE);
    INDArray e = Nd4j.create(DataType.DOUBLE, N, D);
    Nd4j.getRandom().setSeed(11);
    double biasAveraged = 0;
    double biasPlain = 0;
    double squaredAveraged = 0;
    double squaredPlain = 0;
    int batches = 400;
    for (int b = 0; b < batches; b++) {
      INDArray z = Nd4j.randn(DataType.DOUBLE, N, D);
      INDArray eps = Nd4j.randn(DataType.DOUBLE, N, D);
      INDArray x = z.mul(A).addi(eps.mul(SIGMA));
      INDArray exact = x.div(A * A + SIGMA * SIGMA);
      e.assign(eps.div(SIGMA));
      INDArray plainGap = e.sub(exact);
      double own = average.apply(x, eps, invSigma, e, true);
      assertThat(own).as("these components overlap").isBetween(0.05, 0.9);
      INDArray averagedGap = e.sub(exact);
      // projected on x, so that a bias of either sign in the radial direction adds up
      biasAveraged += averagedGap.mul(x).sumNumber().doubleValue();
      biasPlain += plainGap.mul(x).sumNumber().doubleValue();
      squaredAveraged += averagedGap.mul(averagedGap).sumNumber().doubleValue();
      squaredPlain += plainGap.mul(plainGap).sumNumber().doubleValue();
    }
    int draws = batches * N;
    double plainMeanSquare = squaredPlain / draws;
    // unbiased: the mean gap along x is within a few standard errors of zero
    double standardError = Math.sqrt(plainMeanSquare * (A * A + SIGMA * SIGMA) * D / draws);
    assertThat(Math.abs(biasPlain / draws)).isLessThan(4 * standardError);
    assertThat(Math.abs(biasAveraged / draws)).isLessThan(4 * standardError);
    // and much less noisy: overlapping components share the work
    assertThat(squaredAveraged / draws).isLessThan(0.5 * plainMeanSquare);
  }

  @Test
  void componentsThatDoNotOverlapLeaveThePlainConditionalScore() {
    LatentAveragedScore average = new LatentAveragedScore(DataType.DOUBLE, 3, D);
    double sigma = 0.01;
    INDArray invSigma = Nd4j.valueArrayOf(new long[] {1, D}, 1.0 / sigma, DataType.DOUBLE);
    INDArray mu = Nd4j.createFromArray(new double[][] {{0, 0}, {5, 0}, {0, 5}});
    INDArray eps = Nd4j.createFromArray(new double[][] {{0.3, -1.2}, {1.5, 0.2}, {-0.7, 0.9}});
    INDArray x = mu.add(eps.mul(sigma));
    INDArray e = eps.div(sigma);
    assertThat(average.apply(x, eps, invSigma, e, true)).as("own-component weight").isGreaterThan(0.999);
    assertThat(e.sub(eps.div(sigma)).amaxNumber().doubleValue()).isLessThan(1e-6);
  }
}
