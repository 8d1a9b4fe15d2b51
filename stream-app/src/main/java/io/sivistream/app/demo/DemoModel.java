package io.sivistream.app.demo;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A synthetic regression stream with known coefficients: features (intercept, x1, x2) with
 * x1, x2 ~ N(0, 1), and a label drawn from the model given eta = features · beta.
 *
 * @param id          model id (Kafka key)
 * @param kind        logistic-regression or poisson-regression
 * @param specYaml    the model spec registered on the models topic
 * @param names       coefficient names, in feature order
 * @param truth       true coefficients before the drift
 * @param drifted     true coefficients after the drift, or null for a model that does not drift
 */
public record DemoModel(String id, String kind, String specYaml, List<String> names,
    double[] truth, double[] drifted) {

  public DemoModel {
    names = List.copyOf(names);
    if (truth.length != names.size() || drifted != null && drifted.length != names.size()) {
      throw new IllegalArgumentException("model '" + id + "': " + names.size()
          + " names but truth " + Arrays.toString(truth) + ", drifted " + Arrays.toString(drifted));
    }
    if (!kind.equals("logistic-regression") && !kind.equals("poisson-regression")) {
      throw new IllegalArgumentException("demo models are logistic-regression or"
          + " poisson-regression, got '" + kind + "'");
    }
  }

  /** True when the coefficients jump half-way. */
  public boolean drifts() {
    return drifted != null;
  }

  /** The true coefficients at an event time, given when the drift happens (epoch ms). */
  public double[] truthAt(long eventTime, long driftAt) {
    return drifted != null && eventTime >= driftAt ? drifted : truth;
  }

  /** A feature vector (1, x1, x2, ...). */
  double[] features(SplittableRandom rng) {
    double[] x = new double[names.size()];
    x[0] = 1;
    for (int j = 1; j < x.length; j++) {
      x[j] = gaussian(rng);
    }
    return x;
  }

  /** A label for features x under coefficients beta. */
  double label(double[] x, double[] beta, SplittableRandom rng) {
    double eta = 0;
    for (int j = 0; j < x.length; j++) {
      eta += x[j] * beta[j];
    }
    if (kind.equals("logistic-regression")) {
      return rng.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
    }
    return poisson(Math.exp(eta), rng);
  }

  private static double gaussian(SplittableRandom rng) {
    // Box-Muller: SplittableRandom has no nextGaussian on Java 17
    double u = 1 - rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
  }

  /** Knuth's multiplication method; fine for the demo's small rates. */
  private static double poisson(double rate, SplittableRandom rng) {
    double limit = Math.exp(-Math.min(rate, 500));
    double p = rng.nextDouble();
    int k = 0;
    while (p > limit) {
      p *= rng.nextDouble();
      k++;
    }
    return k;
  }
}
