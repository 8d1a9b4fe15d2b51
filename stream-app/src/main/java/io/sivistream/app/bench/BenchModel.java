package io.sivistream.app.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The benchmark's model: a Bayesian logistic regression with 22 parameters (an intercept and 21
 * standard-normal features), the size of the waveform task, with known true coefficients, and a
 * pool of pre-drawn rows for the producer.
 *
 * <p>The intercept is a feature column like the others whose value is always 1 (model specs have
 * no implicit intercept). The networks are smaller than the batch defaults so that an update fits
 * a one-second window on two cores: latent dimension 10, family hidden [32, 32], critic [64, 64],
 * particle batch 50, data batch 200; {@code iterationsPerWindow} is the benchmark's setting.
 */
public final class BenchModel {

  /** Parameters: intercept plus {@value #FEATURES} features. */
  public static final int PARAMETERS = 22;
  /** Random features besides the intercept. */
  public static final int FEATURES = PARAMETERS - 1;

  private BenchModel() {}

  /** Coefficient names: intercept, x1, ..., x21. */
  public static List<String> names() {
    List<String> names = new ArrayList<>(PARAMETERS);
    names.add("intercept");
    for (int j = 1; j <= FEATURES; j++) {
      names.add("x" + j);
    }
    return names;
  }

  /** True coefficients: intercept −0.5, then alternating ±(0.2 + 0.05 j)... kept moderate. */
  public static double[] truth() {
    double[] beta = new double[PARAMETERS];
    beta[0] = -0.5;
    for (int j = 1; j < PARAMETERS; j++) {
      beta[j] = (j % 2 == 0 ? -1 : 1) * (0.1 + 0.4 * j / PARAMETERS);
    }
    return beta;
  }

  /**
   * The spec registered for each benchmark model.
   *
   * @param windowSeconds       event-time window length
   * @param iterationsPerWindow SIVI-SM iterations of each warm update
   * @param seed                {@code train.seed}
   */
  public static String specYaml(double windowSeconds, int iterationsPerWindow, long seed) {
    return String.join("\n",
        "model: logistic-regression",
        "features: " + names(),
        "prior: {sd: 10}",
        "family: {latentDim: 10, hidden: [32, 32]}",
        "critic: {hidden: [64, 64]}",
        "train: {iterations: 1000, batch: 50, dataBatch: 200, seed: " + seed + "}",
        String.format(Locale.ROOT, "stream: {mode: recursive, forgetting: 1.0, windowSeconds: %s,"
            + " iterationsPerWindow: %d}", windowSeconds, iterationsPerWindow),
        "");
  }

  /**
   * Pre-drawn rows: features (1, x1..x21) with x ~ N(0, 1/21) (so that η has unit-order spread)
   * and a Bernoulli label under {@link #truth()}. The producer cycles through them with fresh
   * event times, so that generating data costs the benchmark (almost) nothing.
   *
   * @param rows pool size
   * @param seed random seed
   * @return {@code rows} rows of {@value #PARAMETERS} features then the label
   */
  public static double[][] pool(int rows, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] beta = truth();
    double sd = 1 / Math.sqrt(FEATURES);
    double[][] pool = new double[rows][];
    for (int i = 0; i < rows; i++) {
      double[] r = new double[PARAMETERS + 1];
      r[0] = 1;
      double eta = beta[0];
      for (int j = 1; j < PARAMETERS; j++) {
        r[j] = sd * gaussian(rng);
        eta += beta[j] * r[j];
      }
      r[PARAMETERS] = rng.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
      pool[i] = r;
    }
    return pool;
  }

  private static double gaussian(SplittableRandom rng) {
    double u = 1 - rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
  }
}
