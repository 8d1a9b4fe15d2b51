package io.sivistream.core.target;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An unnormalised log density log p(x) over R^d: the distribution SIVI-SM fits.
 *
 * <p>Two evaluation paths, tested against each other:
 * <ul>
 *   <li>{@link #scoreAt}: batched ND4J path used by the trainer. Score and Hessian-vector products at
 *       n points at once, with the likelihood summed over a minibatch of data rows and rescaled to
 *       {@link #dataRows()} (unbiased for the full-data score).</li>
 *   <li>{@link #logDensity}/{@link #gradLogDensity}: plain double path at one point on all rows, used
 *       by the HMC reference sampler and tests.</li>
 * </ul>
 */
public interface Target {

  /** Dimension d of the parameter vector. */
  int dim();

  /** Names of the d parameters (feature names for regressions), used as CSV headers. */
  List<String> parameterNames();

  /** Number of data rows the likelihood sums over; 0 for targets without data. */
  int dataRows();

  /**
   * Evaluates the score at a batch of points.
   *
   * @param x points, shape (n, d), FLOAT or DOUBLE; the results have the same data type
   * @param rows data rows to use (likelihood rescaled by dataRows / rows.length), or null for all rows
   */
  ScoreAt scoreAt(INDArray x, int[] rows);

  /** log p(x) up to an additive constant, all rows, double precision. */
  double logDensity(double[] x);

  /** ∇ log p(x), all rows, double precision. */
  double[] gradLogDensity(double[] x);

  /**
   * Names of the reported draws, as {@link #toDraw} returns them: {@link #parameterNames()} unless
   * the target fits some parameters on another scale (a formula model fits log sigma and reports
   * sigma).
   */
  default List<String> drawNames() {
    return parameterNames();
  }

  /**
   * One point on the fitting scale (length {@link #dim()}) as reported (length
   * {@code drawNames().size()}): the identity unless the target fits on another scale.
   */
  default double[] toDraw(double[] x) {
    return x;
  }

  /** {@link #toDraw} of every row. */
  default double[][] toDraws(double[][] x) {
    double[][] out = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      out[i] = toDraw(x[i]);
    }
    return out;
  }

  /**
   * Whether log p is known to be concave (a single mode), e.g. a GLM likelihood under a normal
   * prior. The fit then starts from a Gaussian variational fit, which is safe only for unimodal
   * targets (a Gaussian started between two modes would settle on one).
   */
  default boolean logConcave() {
    return false;
  }
}
