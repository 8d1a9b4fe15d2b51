package io.sivistream.core.target;

import io.sivistream.core.linalg.Scratch;
import io.sivistream.core.linalg.Kernels;
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
  ScoreAt scoreAt(INDArray x, int[] rows, double scale, AffineScorePrior prior) {
    Batches.checkPoints(x, dim, "x");
    DataType type = x.dataType();
    if (rows != null) {
      Batches.checkRows(rows, this.rows);
    }
    // the minibatch's rows, eta (which the link may turn into its curvature), the link's
    // residual and the HVP's temporary live in per-thread scratch arrays: allocating them cost as
    // much as the arithmetic. Once a later scoreAt reuses them, an HVP recomputes what it needs.
    Scratch scratch = Scratch.get();
    long generation = scratch.next();
    INDArray ab = rows == null ? design.get(type) : gatherRows(design.get(type), rows, scratch.array(SLOT_ROWS, type, rows.length, dim));
    INDArray yb = rows == null ? labelRow.get(type) : gatherRows(labelColumn.get(type), rows, scratch.array(SLOT_LABELS, type, rows.length, 1)).reshape(1, rows.length);
    INDArray eta = scratch.array(SLOT_ETA, type, x.rows(), ab.rows());
    Kernels.gemm(x, ab, eta, false, true, 1.0, 0.0);
    Link link = link(eta, yb, scratch.array(SLOT_RESIDUAL, type, x.rows(), ab.rows()));
    double alpha = scale * link.factor();
    INDArray score = prior == null ? Nd4j.create(type, x.rows(), dim) : prior.scoreRows(x);
    Kernels.gemm(link.residual(), ab, score, false, false, alpha, 1.0);
    return new ScoreAt() {
      private INDArray ownDesign;
      private INDArray ownCurvature;

      @Override
      public INDArray score() {
        return score;
      }

      /** Recomputes the rows and the link's curvature into private arrays, after the scratch was reused. */
      private void recompute() {
        if (ownDesign != null) {
          return;
        }
        ownDesign = rows == null ? design.get(type) : Nd4j.pullRows(design.get(type), 1, rows);
        INDArray ownLabels = rows == null ? labelRow.get(type) : Nd4j.pullRows(labelColumn.get(type), 1, rows).reshape(1, rows.length);
        INDArray e = Nd4j.create(type, x.rows(), ownDesign.rows());
        Kernels.gemm(x, ownDesign, e, false, true, 1.0, 0.0);
        Link own = link(e, ownLabels, Nd4j.create(type, x.rows(), ownDesign.rows()));
        ownCurvature = own.curvature() == null ? null : own.curvature().get();
      }

      @Override
      public INDArray hessianVectorProduct(INDArray v) {
        Batches.checkDirection(v, x);
        boolean current = scratch.current(generation);
        if (!current) {
          recompute();
        }
        INDArray rowsUsed = current ? ab : ownDesign;
        INDArray p = current ? scratch.array(SLOT_HVP, type, v.rows(), rowsUsed.rows()) : Nd4j.create(type, v.rows(), rowsUsed.rows());
        Kernels.gemm(v, rowsUsed, p, false, true, 1.0, 0.0);
        if (link.curvature() != null) {
          Kernels.mulRows(p, p, current ? link.curvature().get() : ownCurvature);
        }
        INDArray out = prior == null ? Nd4j.create(type, v.rows(), dim) : prior.hessianRows(v);
        Kernels.gemm(p, rowsUsed, out, false, false, -alpha, 1.0);
        return out;
      }
    };
  }

  /** out = source[rows, :] (out is rows.length x source.columns()). */
  private static INDArray gatherRows(INDArray source, int[] rows, INDArray out) {
    Kernels.gatherRows(out, source, rows);
    return out;
  }

  /**
   * Elementwise derivatives of log p(y | η) at η = {@code eta} (n, b), which this method may
   * overwrite, for labels {@code yRow} (1, b), which it must not.
   */
  private static final int SLOT_ETA = 0;
  private static final int SLOT_RESIDUAL = 1;
  private static final int SLOT_HVP = 2;
  private static final int SLOT_ROWS = 5;
  private static final int SLOT_LABELS = 6;

  /**
   * The link's residual (and, lazily, curvature) at eta; eta may be overwritten.
   *
   * @param residual a buffer shaped like eta the residual may be written into
   */
  abstract Link link(INDArray eta, INDArray yRow, INDArray residual);

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
