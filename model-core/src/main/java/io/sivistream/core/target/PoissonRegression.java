package io.sivistream.core.target;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Poisson regression likelihood with log link: y_i ~ Poisson(e^{a_i · x}).
 * log p = Σ y η − e^η (the log y! term does not depend on x and is dropped); score Σ (y − e^η) a;
 * Hessian −Σ e^η a aᵀ.
 */
public final class PoissonRegression extends GlmLikelihood {

  /**
   * @param features design matrix [rows][names.size()]
   * @param y counts, each a non-negative integer
   * @param names feature names (the coefficients' names)
   */
  public PoissonRegression(double[][] features, double[] y, List<String> names) {
    super(features, y, names);
    for (int i = 0; i < y.length; i++) {
      if (!(y[i] >= 0) || y[i] != Math.rint(y[i])) {
        throw new IllegalArgumentException(
            "row " + (i + 1) + ": label y must be a non-negative integer for poisson-regression, got " + y[i]);
      }
    }
  }

  @Override
  Link link(INDArray eta, INDArray yRow, INDArray residual) {
    INDArray rate = Transforms.exp(eta, false);
    return new Link(rate.rsubRowVector(yRow), () -> rate, 1.0);
  }

  @Override
  public double logDensity(double[] x) {
    Batches.checkLength(x, dim);
    double s = 0;
    for (int i = 0; i < rows; i++) {
      double eta = eta(i, x);
      s += y[i] * eta - Math.exp(eta);
    }
    return s;
  }

  @Override
  public double[] gradLogDensity(double[] x) {
    Batches.checkLength(x, dim);
    double[] g = new double[dim];
    for (int i = 0; i < rows; i++) {
      addRow(i, y[i] - Math.exp(eta(i, x)), g);
    }
    return g;
  }
}
