package io.sivistream.core.stream.prior;

import io.sivistream.core.family.FamilyPass;
import io.sivistream.core.family.FittedPosterior;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The conditional Gaussians N(mu(z_k), diag sd_k²) of k latent draws in x coordinates, as ND4J
 * arrays: the same draws as {@link FittedPosterior#components(int, long)} for the same seed, without
 * its conversion to Java arrays, which costs tens of microseconds per row in ND4J
 * ({@code toDoubleMatrix}) and dominated the denoising fit (0.3-1 s per 8192 components).
 */
final class ComponentSampler {

  private ComponentSampler() {}

  /** {means, sds}, each (k, d) DOUBLE. */
  static INDArray[] draw(FittedPosterior q, int k, long seed) {
    int d = q.dim();
    INDArray flat = Nd4j.createFromArray(q.params());
    Random rng = Nd4j.getRandomFactory().getNewRandomInstance(seed);
    FamilyPass pass = q.family().pass(flat, null, k);
    INDArray z = Nd4j.create(DataType.DOUBLE, k, q.family().latentDim());
    Nd4j.getExecutioner().exec(new GaussianDistribution(z, 0.0, 1.0), rng);
    INDArray center = PriorArrays.row(q.center(), DataType.DOUBLE);
    INDArray scale = PriorArrays.row(q.scale(), DataType.DOUBLE);
    INDArray means = pass.sample(z, Nd4j.zeros(DataType.DOUBLE, k, d)).mulRowVector(scale).addiRowVector(center);
    INDArray sigma = pass.sigma();
    INDArray sds = sigma.rows() == 1 ? Nd4j.zeros(DataType.DOUBLE, k, d).addiRowVector(sigma.mul(scale)) : sigma.mulRowVector(scale);
    return new INDArray[] {means, sds};
  }

  /** {mean [1][d], covariance [d][d]} of the mixture of the given components (law of total covariance). */
  static double[][][] moments(INDArray means, INDArray sds) {
    long k = means.rows();
    INDArray mean = means.mean(0).reshape(1, means.columns());
    INDArray centred = means.subRowVector(mean);
    INDArray cov = centred.transpose().mmul(centred).divi(k);
    INDArray variances = sds.mul(sds).mean(0);
    double[][] c = cov.toDoubleMatrix();
    double[] v = variances.toDoubleVector();
    for (int j = 0; j < v.length; j++) {
      c[j][j] += v[j];
    }
    return new double[][][] {{mean.toDoubleVector()}, c};
  }
}
