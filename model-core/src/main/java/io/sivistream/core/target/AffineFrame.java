package io.sivistream.core.target;

import io.sivistream.core.linalg.Kernels;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A target seen in standardised coordinates u = (x - center) / scale. Training in u-space is a
 * preconditioning: the family and critic work at unit scale whatever the posterior's location and
 * spread, so one set of learning rates suits every model. Scores transform as S_u = scale * S_x
 * and Hessian-vector products as H_u v = scale * H_x (scale * v).
 */
public final class AffineFrame implements Target {

  private final Target target;
  private final double[] center;
  private final double[] scale;
  private INDArray centerRow;
  private INDArray scaleRow;

  public AffineFrame(Target target, double[] center, double[] scale) {
    if (center.length != target.dim() || scale.length != target.dim()) {
      throw new IllegalArgumentException("frame must have dimension " + target.dim());
    }
    for (double s : scale) {
      if (!(s > 0) || !Double.isFinite(s)) {
        throw new IllegalArgumentException("frame scales must be finite and > 0");
      }
    }
    this.target = target;
    this.center = center.clone();
    this.scale = scale.clone();
  }

  public double[] center() {
    return center.clone();
  }

  public double[] scale() {
    return scale.clone();
  }

  /** x = center + scale * u for one point. */
  public double[] toX(double[] u) {
    double[] x = new double[u.length];
    for (int j = 0; j < u.length; j++) {
      x[j] = center[j] + scale[j] * u[j];
    }
    return x;
  }

  @Override
  public int dim() {
    return target.dim();
  }

  @Override
  public List<String> parameterNames() {
    return target.parameterNames();
  }

  @Override
  public boolean logConcave() {
    return target.logConcave();
  }

  @Override
  public int dataRows() {
    return target.dataRows();
  }

  private void ensureRows(INDArray like) {
    if (centerRow == null || centerRow.dataType() != like.dataType()) {
      centerRow = Nd4j.createFromArray(center).castTo(like.dataType()).reshape(1, center.length);
      scaleRow = Nd4j.createFromArray(scale).castTo(like.dataType()).reshape(1, scale.length);
    }
  }

  /** x (n x d) for u (n x d), a new array. */
  public INDArray toX(INDArray u) {
    ensureRows(u);
    INDArray x = Nd4j.create(u.dataType(), u.rows(), u.columns());
    Kernels.affineRows(x, u, scaleRow, centerRow);
    return x;
  }

  @Override
  public ScoreAt scoreAt(INDArray u, int[] rows) {
    ensureRows(u);
    ScoreAt inner = target.scoreAt(toX(u), rows);
    INDArray s = scaleRow;
    return new ScoreAt() {
      private INDArray score;

      @Override
      public INDArray score() {
        if (score == null) {
          // the inner ScoreAt is private to this one and its score is read once: scale it in place
          score = inner.score();
          Kernels.mulRows(score, score, s);
        }
        return score;
      }

      @Override
      public INDArray hessianVectorProduct(INDArray v) {
        // a per-thread temporary: the inner product consumes it before returning
        INDArray scaled = io.sivistream.core.linalg.Scratch.get().array(4, v.dataType(), v.rows(), v.columns());
        Kernels.mulRows(scaled, v, s);
        // every target hands out a new array for an HVP: scale it in place
        INDArray h = inner.hessianVectorProduct(scaled);
        Kernels.mulRows(h, h, s);
        return h;
      }
    };
  }

  @Override
  public double logDensity(double[] u) {
    return target.logDensity(toX(u));
  }

  @Override
  public double[] gradLogDensity(double[] u) {
    double[] g = target.gradLogDensity(toX(u));
    for (int j = 0; j < g.length; j++) {
      g[j] *= scale[j];
    }
    return g;
  }
}
