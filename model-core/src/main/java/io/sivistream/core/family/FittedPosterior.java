package io.sivistream.core.family;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A semi-implicit distribution with fixed parameters, in a frame x = center + scale * u where u
 * follows the family. Sampling runs the family forward in double precision.
 */
public final class FittedPosterior implements SemiImplicitPosterior {

  private static final int CHUNK = 1024;

  private final SemiImplicitFamily family;
  private final double[] params;
  private final double[] center;
  private final double[] scale;

  /**
   * @param family the family structure
   * @param params flat family parameters (copied)
   * @param center frame centre (length d)
   * @param scale frame scale (length d, > 0)
   */
  public FittedPosterior(SemiImplicitFamily family, double[] params, double[] center, double[] scale) {
    this.family = family;
    this.params = params.clone();
    this.center = center.clone();
    this.scale = scale.clone();
  }

  public SemiImplicitFamily family() {
    return family;
  }

  public double[] params() {
    return params.clone();
  }

  public double[] center() {
    return center.clone();
  }

  public double[] scale() {
    return scale.clone();
  }

  @Override
  public int dim() {
    return family.dim();
  }

  @Override
  public List<String> parameterNames() {
    return family.parameterNames();
  }

  /**
   * The conditional Gaussians N(mu(z_k), diag sd_k²) of k draws z_k, in x coordinates: the
   * family is exactly the average of these over z, so they give a mixture snapshot of it.
   *
   * @return {means [k][d], sds [k][d]}
   */
  public Components components(int k, long seed) {
    int d = family.dim();
    INDArray flat = Nd4j.createFromArray(params);
    Random rng = Nd4j.getRandomFactory().getNewRandomInstance(seed);
    FamilyPass pass = family.pass(flat, null, k);
    INDArray z = Nd4j.create(DataType.DOUBLE, k, family.latentDim());
    Nd4j.getExecutioner().exec(new GaussianDistribution(z, 0.0, 1.0), rng);
    double[] mu = flat(pass.sample(z, Nd4j.zeros(DataType.DOUBLE, k, d)));
    INDArray sigmaArray = pass.sigma();
    boolean global = sigmaArray.rows() == 1;
    double[] sigma = flat(sigmaArray);
    double[][] means = new double[k][d];
    double[][] sds = new double[k][d];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < d; j++) {
        means[i][j] = center[j] + scale[j] * mu[i * d + j];
        double s = global ? sigma[j] : sigma[i * d + j];
        sds[i][j] = scale[j] * s;
      }
    }
    return new Components(means, sds);
  }

  /** Component means and sds of a mixture snapshot, each [k][d]. */
  public record Components(double[][] means, double[][] sds) {}

  @Override
  public double[][] sample(int n, long seed) {
    int d = family.dim();
    double[][] out = new double[n][];
    INDArray flat = Nd4j.createFromArray(params);
    Random rng = Nd4j.getRandomFactory().getNewRandomInstance(seed);
    FamilyPass pass = null;
    int done = 0;
    while (done < n) {
      int m = Math.min(CHUNK, n - done);
      if (pass == null || pass.batch() != m) {
        pass = family.pass(flat, null, m);
      }
      INDArray z = Nd4j.create(DataType.DOUBLE, m, family.latentDim());
      INDArray eps = Nd4j.create(DataType.DOUBLE, m, d);
      Nd4j.getExecutioner().exec(new GaussianDistribution(z, 0.0, 1.0), rng);
      Nd4j.getExecutioner().exec(new GaussianDistribution(eps, 0.0, 1.0), rng);
      double[] u = flat(pass.sample(z, eps));
      for (int i = 0; i < m; i++) {
        double[] x = new double[d];
        for (int j = 0; j < d; j++) {
          x[j] = center[j] + scale[j] * u[i * d + j];
        }
        out[done + i] = x;
      }
      done += m;
    }
    return out;
  }

  /**
   * The elements of a matrix in row-major order, as doubles, in one bulk copy: ND4J's
   * {@code toDoubleMatrix} costs tens of microseconds per row, which made drawing the 20,000
   * prior-snapshot draws of each streamed window take about a second.
   */
  private static double[] flat(INDArray a) {
    return a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
  }
}
