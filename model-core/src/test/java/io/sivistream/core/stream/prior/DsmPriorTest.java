package io.sivistream.core.stream.prior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sivistream.core.family.FittedPosterior;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DSM on an exactly Gaussian family (MLP weights zero): the learned score is compared with the
 * exact Gaussian score on draws from q.
 */
class DsmPriorTest {

  /**
   * 400 steps of batch 256: about 1 s with OMP_NUM_THREADS=1 (ten times that when two OpenMP
   * threads compete with other processes for two cores).
   */
  static final DsmConfig CONFIG = DsmConfig.DEFAULT.withIterations(400);

  static FittedPosterior q;
  static GaussianPrior exact;
  static DsmPrior fitted;
  static double fitSeconds;

  @BeforeAll
  static void fit() {
    q = Families.gaussian();
    exact = new GaussianPrior(Families.CENTER, Families.gaussianCov());
    long t0 = System.nanoTime();
    fitted = DsmPrior.fit(q, CONFIG);
    fitSeconds = (System.nanoTime() - t0) / 1e9;
  }

  @Test
  void learnsTheExactGaussianScore() {
    INDArray x = PriorChecks.batch(q.sample(2000, 61));
    double err = Families.relativeRmse(fitted.scoreAt(x).score().toDoubleMatrix(), exact.scoreAt(x).score().toDoubleMatrix());
    System.out.printf("DSM on a 2-D Gaussian family: relative RMS score error %.4f, fit %.2f s (%d iterations)%n",
        err, fitSeconds, CONFIG.iterations());
    // measured 0.013 (a Gaussian moment fit from 20000 draws: 0.009; a 4096-component mixture snapshot: 0.054)
    assertThat(err).isLessThan(0.03);
  }

  @Test
  void hvpIsTheDerivativeOfTheLearnedScoreAndCloseToTheExactHessian() {
    double[][] x = q.sample(20, 62);
    // the finite-difference HVP (step 1e-3 in standardised units) against a much smaller step in
    // DOUBLE; with ReLU the score is piecewise linear, and a kink inside the larger step shifts the
    // average slope by a few 1e-3 (measured up to 3e-3), hence the tolerance
    PriorChecks.hvpMatchesScoreDifferences(fitted, x, 1e-6, 1e-2, 63);
    INDArray xs = PriorChecks.batch(x);
    INDArray v = PriorChecks.batch(PriorChecks.normals(20, 2, 1.0, 64));
    double err = Families.relativeRmse(fitted.scoreAt(xs).hessianVectorProduct(v).toDoubleMatrix(),
        exact.scoreAt(xs).hessianVectorProduct(v).toDoubleMatrix());
    assertThat(err).isLessThan(0.1);
  }

  @Test
  void floatPathIsCloseToDouble() {
    PriorChecks.floatCloseToDouble(fitted, q.sample(20, 65), 1e-3, 66);
  }

  @Test
  void densityIsUnknownAndGradientIsTheNetworkScore() {
    double[] x = {1.0, -1.5};
    assertThat(fitted.logDensity(x)).isNaN();
    assertThat(fitted.gradLogDensity(x)).containsExactly(fitted.scoreAt(PriorChecks.batch(new double[][] {x})).score().toDoubleVector());
  }

  @Test
  void fitIsDeterministicGivenTheSeed() {
    DsmConfig small = new DsmConfig(30, 64, List.of(16), 1e-3, 7);
    double[] a = DsmPrior.fit(q, small).toArray();
    double[] b = DsmPrior.fit(q, small).toArray();
    double[] c = DsmPrior.fit(q, small.withSeed(8)).toArray();
    assertThat(a).isEqualTo(b);
    assertThat(a).isNotEqualTo(c);
  }

  @Test
  void componentSamplerDrawsWhatTheFamilyDraws() {
    var expected = q.components(7, 5);
    INDArray[] got = ComponentSampler.draw(q, 7, 5);
    assertThat(got[0].toDoubleMatrix()).isDeepEqualTo(expected.means());
    assertThat(got[1].toDoubleMatrix()).isDeepEqualTo(expected.sds());
  }

  @Test
  void configRejectsBadValues() {
    assertThatThrownBy(() -> new DsmConfig(10, 7, List.of(8), 1e-3, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("dsm.batch must be an even number >= 2 (antithetic pairs), got 7");
    assertThatThrownBy(() -> new DsmConfig(0, 8, List.of(8), 1e-3, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("dsm.iterations must be >= 1, got 0");
    assertThatThrownBy(() -> new DsmConfig(10, 8, List.of(8), -1, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("dsm.lr must be finite and > 0, got -1.0");
  }
}
