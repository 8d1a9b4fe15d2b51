package io.sivistream.core.train;

import io.sivistream.core.family.FittedPosterior;
import io.sivistream.core.family.SemiImplicitFamily;
import io.sivistream.core.nn.Mlp;
import io.sivistream.core.optim.Adam;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A working frame (x = center + scale * u) re-estimated from the current fit, with the engine
 * state moved into it.
 *
 * @param center new centre: the fit's mean
 * @param scale new scale: the fit's sds
 * @param state family and critic parameters re-expressed in the new frame (Adam moments reset,
 *     since the parameters were rescaled)
 */
public record Frame(double[] center, double[] scale, EngineState state) {

  static final int DRAWS = 2000;

  /** Draws from the current family, takes their mean and sd, and moves both networks there. */
  public static Frame adapt(SemiImplicitFamily family, Mlp critic, EngineState state, double[] center, double[] scale, long seed) {
    DataType type = state.dataType();
    double[] familyParams = state.familyParams().castTo(DataType.DOUBLE).toDoubleVector();
    double[][] draws = new FittedPosterior(family, familyParams, center, scale).sample(DRAWS, seed);
    int d = center.length;
    double[] mean = new double[d];
    double[] sd = new double[d];
    for (double[] x : draws) {
      for (int j = 0; j < d; j++) {
        mean[j] += x[j] / draws.length;
      }
    }
    for (double[] x : draws) {
      for (int j = 0; j < d; j++) {
        sd[j] += (x[j] - mean[j]) * (x[j] - mean[j]) / (draws.length - 1);
      }
    }
    for (int j = 0; j < d; j++) {
      sd[j] = Math.sqrt(sd[j]);
      if (!(sd[j] > 0) || !Double.isFinite(sd[j]) || !Double.isFinite(mean[j])) {
        return new Frame(center, scale, state);
      }
    }
    double[] movedFamily = family.reframe(familyParams, center, scale, mean, sd);
    double[] movedCritic = reframeCritic(critic, state.criticParams().castTo(DataType.DOUBLE).toDoubleVector(), center, scale, mean, sd);
    INDArray f = Nd4j.createFromArray(movedFamily).castTo(type);
    INDArray c = Nd4j.createFromArray(movedCritic).castTo(type);
    Adam adam = Adam.DEFAULT;
    return new Frame(mean, sd, new EngineState(f, c, adam.init(f), adam.init(c), state.iteration()));
  }

  /**
   * Critic parameters for the new frame: the critic reads u and outputs a score difference in u
   * units, so with u_new = a u_old + b it reads u_new and outputs f / a.
   */
  public static double[] reframeCritic(Mlp critic, double[] params, double[] oldCenter, double[] oldScale,
      double[] newCenter, double[] newScale) {
    int d = oldCenter.length;
    double[] a = new double[d];
    double[] b = new double[d];
    double[] inverse = new double[d];
    for (int j = 0; j < d; j++) {
      a[j] = oldScale[j] / newScale[j];
      b[j] = (oldCenter[j] - newCenter[j]) / newScale[j];
      inverse[j] = 1.0 / a[j];
    }
    double[] p = params.clone();
    critic.reframe(p, a, b, inverse, null);
    return p;
  }
}
