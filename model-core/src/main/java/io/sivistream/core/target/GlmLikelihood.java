package io.sivistream.core.target;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Likelihood of a generalised linear model: y_i depends on x only through η_i = a_i · x.
 *
 * <p>Batched path for points X (n, d) and minibatch design A_b (b, d): with Z = X A_bᵀ (n, b),
 * the score is R(Z) A_b and the Hessian-vector product at directions V is −((V A_bᵀ) ⊙ W(Z)) A_b,
 * where R = ∂ log p / ∂η and W = −∂² log p / ∂η² act elementwise. That is two gemms and one or two
 * elementwise ops per call, whatever n and b. Subclasses supply R and W ({@link #link}) and the
 * plain-double loops.
 */
public abstract sealed class GlmLikelihood implements Likelihood
    permits LinearRegression, LogisticRegression, PoissonRegression {

  /** Residual R (n, b), lazily the curvature W (n, b) (null: constant 1), and a factor for both. */
  record Link(INDArray residual, java.util.function.Supplier<INDArray> curvature, double factor) {}

  final int rows;
  final int dim;
  /** Design matrix, row-major [rows * dim]. */
  final double[] a;
  final double[] y;
  private final List<String> names;
  private final PerDtype design;
  private final PerDtype labelColumn;
  private final PerDtype labelRow;

  GlmLikelihood(double[][] features, double[] y, List<String> names) {
    this.names = List.copyOf(names);
    this.dim = this.names.size();
    this.rows = y.length;
    if (dim == 0) {
      throw new IllegalArgumentException("a regression needs at least one feature, got none");
    }
    if (features.length != y.length) {
      throw new IllegalArgumentException(features.length + " feature rows but " + y.length + " labels");
    }
    if (rows == 0) {
      throw new IllegalArgumentException("a likelihood needs at least one data row, got none");
    }
    this.a = new double[rows * dim];
    for (int i = 0; i < rows; i++) {
      if (features[i].length != dim) {
        throw new IllegalArgumentException("row " + (i + 1) + ": expected " + dim + " features " + this.names
            + ", got " + features[i].length);
      }
      for (int j = 0; j < dim; j++) {
        if (!Double.isFinite(features[i][j])) {
          throw new IllegalArgumentException(
              "row " + (i + 1) + ": feature " + this.names.get(j) + " must be finite, got " + features[i][j]);
        }
      }
      System.arraycopy(features[i], 0, a, i * dim, dim);
      if (!Double.isFinite(y[i])) {
        throw new IllegalArgumentException("row " + (i + 1) + ": label y must be finite, got " + y[i]);
      }
    }
    this.y = y.clone();
    this.design = new PerDtype(t -> Nd4j.create(a, new long[] {rows, dim}, t));
    this.labelColumn = new PerDtype(t -> Nd4j.create(this.y, new long[] {rows, 1}, t));
    this.labelRow = new PerDtype(t -> labelColumn.get(t).reshape(1, rows));
  }

  @Override
  public final int dim() {
    return dim;
  }

  @Override
  public final List<String> parameterNames() {
    return names;
  }

  @Override
  public final int rows() {
    return rows;
  }

  @Override
  public final ScoreAt scoreAt(INDArray x, int[] rows, double scale) {
    return scoreAt(x, rows, scale, null);
  }

  /**
   * Score and HVP of scale · log-likelihood, plus those of {@code prior} when not null: the prior
   * terms become the gemm accumulators, which saves an addition per call.
   */
  ScoreAt scoreAt(INDArray x, int[] rows, double scale, NormalPrior prior) {
    Batches.checkPoints(x, dim, "x");
    DataType type = x.dataType();
    INDArray ab;
    INDArray yb;
    if (rows == null) {
      ab = design.get(type);
      yb = labelRow.get(type);
    } else {
      Batches.checkRows(rows, this.rows);
      ab = Nd4j.pullRows(design.get(type), 1, rows);
      yb = Nd4j.pullRows(labelColumn.get(type), 1, rows).reshape(1, rows.length);
    }
    INDArray eta = Nd4j.gemm(x, ab, false, true);
    Link link = link(eta, yb);
    double alpha = scale * link.factor();
    INDArray score = Nd4j.gemm(link.residual(), ab, accumulator(x, prior), false, false, alpha, 1.0);
    return new ScoreAt() {
      private INDArray curvature;

      @Override
      public INDArray score() {
        return score;
      }

      @Override
      public INDArray hessianVectorProduct(INDArray v) {
        Batches.checkDirection(v, x);
        INDArray p = Nd4j.gemm(v, ab, false, true);
        if (link.curvature() != null) {
          if (curvature == null) {
            curvature = link.curvature().get();
          }
          p.muli(curvature);
        }
        return Nd4j.gemm(p, ab, accumulator(v, prior), false, false, -alpha, 1.0);
      }
    };
  }

  /** Where a gemm adds its product: the prior term at {@code v}, or zeros. */
  static INDArray accumulator(INDArray v, NormalPrior prior) {
    return prior == null ? Nd4j.create(v.dataType(), v.rows(), v.columns()) : prior.times(v);
  }

  /**
   * Elementwise derivatives of log p(y | η) at η = {@code eta} (n, b), which this method may
   * overwrite, for labels {@code yRow} (1, b), which it must not.
   */
  abstract Link link(INDArray eta, INDArray yRow);

  /** η_i = a_i · x. */
  final double eta(int i, double[] x) {
    int off = i * dim;
    double s = 0;
    for (int j = 0; j < dim; j++) {
      s += a[off + j] * x[j];
    }
    return s;
  }

  /** g += r · a_i. */
  final void addRow(int i, double r, double[] g) {
    int off = i * dim;
    for (int j = 0; j < dim; j++) {
      g[j] += r * a[off + j];
    }
  }
}
