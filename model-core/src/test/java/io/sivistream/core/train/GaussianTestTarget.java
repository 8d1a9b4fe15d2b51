package io.sivistream.core.train;

import io.sivistream.core.target.ScoreAt;
import io.sivistream.core.target.Target;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** N(mean, P^-1) given its precision P: an exactly known target for engine tests. */
final class GaussianTestTarget implements Target {

  private final double[] mean;
  private final double[][] precision;

  GaussianTestTarget(double[] mean, double[][] precision) {
    this.mean = mean.clone();
    this.precision = precision;
  }

  @Override
  public int dim() {
    return mean.length;
  }

  @Override
  public List<String> parameterNames() {
    List<String> names = new ArrayList<>();
    for (int j = 0; j < mean.length; j++) {
      names.add("p" + j);
    }
    return names;
  }

  @Override
  public int dataRows() {
    return 0;
  }

  @Override
  public ScoreAt scoreAt(INDArray x, int[] rows) {
    INDArray p = Nd4j.create(precision).castTo(x.dataType());
    INDArray m = Nd4j.createFromArray(mean).castTo(x.dataType()).reshape(1, mean.length);
    return new ScoreAt() {
      @Override
      public INDArray score() {
        return x.subRowVector(m).mmul(p).negi();
      }

      @Override
      public INDArray hessianVectorProduct(INDArray v) {
        return v.mmul(p).negi();
      }
    };
  }

  @Override
  public double logDensity(double[] x) {
    double[] g = gradLogDensity(x);
    double s = 0;
    for (int j = 0; j < x.length; j++) {
      s += 0.5 * g[j] * (x[j] - mean[j]);
    }
    return s;
  }

  @Override
  public double[] gradLogDensity(double[] x) {
    double[] g = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < x.length; j++) {
        g[i] -= precision[i][j] * (x[j] - mean[j]);
      }
    }
    return g;
  }
}
