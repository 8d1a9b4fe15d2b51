package io.sivistream.core.target;

import io.sivistream.core.linalg.Kernels;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Logistic regression likelihood: y_i ∈ {0, 1}, P(y_i = 1) = σ(a_i · x).
 * log p = Σ y η − log(1 + e^η); score Σ (y − σ(η)) a; Hessian −Σ σ(η)(1 − σ(η)) a aᵀ.
 */
public final class LogisticRegression extends GlmLikelihood {

  /**
   * @param features design matrix [rows][names.size()]
   * @param y labels, each 0 or 1
   * @param names feature names (the coefficients' names)
   */
  public LogisticRegression(double[][] features, double[] y, List<String> names) {
    super(features, y, names);
    for (int i = 0; i < y.length; i++) {
      if (y[i] != 0 && y[i] != 1) {
        throw new IllegalArgumentException(
            "row " + (i + 1) + ": label y must be 0 or 1 for logistic-regression, got " + y[i]);
      }
    }
  }

  @Override
  Link link(INDArray eta, INDArray yRow, INDArray residual) {
    // residual y − σ(η) and curvature σ(1 − σ) in one pass; the curvature overwrites η, which
    // nothing else needs
    Kernels.logistic(eta, yRow, residual, eta);
    return new Link(residual, () -> eta, 1.0);
  }

  @Override
  public double logDensity(double[] x) {
    Batches.checkLength(x, dim);
    double s = 0;
    for (int i = 0; i < rows; i++) {
      double eta = eta(i, x);
      // log(1 + e^η) = max(η, 0) + log1p(e^−|η|): no overflow for large |η|.
      s += y[i] * eta - Math.max(eta, 0) - Math.log1p(Math.exp(-Math.abs(eta)));
    }
    return s;
  }

  @Override
  public double[] gradLogDensity(double[] x) {
    Batches.checkLength(x, dim);
    double[] g = new double[dim];
    for (int i = 0; i < rows; i++) {
      addRow(i, y[i] - sigmoid(eta(i, x)), g);
    }
    return g;
  }

  static double sigmoid(double eta) {
    if (eta >= 0) {
      return 1.0 / (1.0 + Math.exp(-eta));
    }
    double e = Math.exp(eta);
    return e / (1.0 + e);
  }
}
