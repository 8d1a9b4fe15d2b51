package io.sivistream.app.demo;

import java.util.List;

/**
 * The demo's two models. Their specs keep updates cheap enough for a laptop (small networks,
 * 250-row windows, 600 iterations for the cold first window and 200 per window after it): a
 * logistic regression of clicks, whose true
 * coefficients jump half-way through (it forgets with λ = 0.5 per window so that it follows),
 * and a Poisson regression of arrivals, which stays put (λ = 1: plain Bayesian updating).
 */
public final class DemoModels {

  /** Rows per window of both models. */
  public static final int WINDOW_ROWS = 250;

  /** Coefficient names of both models. */
  public static final List<String> NAMES = List.of("intercept", "x1", "x2");

  private DemoModels() {}

  /** The models, in printing order. */
  public static List<DemoModel> all() {
    return List.of(clicks(), arrivals());
  }

  static DemoModel clicks() {
    return new DemoModel("clicks", "logistic-regression",
        spec("logistic-regression", 11, 0.5), NAMES,
        new double[] {-0.5, 1.2, -0.8}, new double[] {0.5, -0.6, 1.0});
  }

  static DemoModel arrivals() {
    return new DemoModel("arrivals", "poisson-regression",
        spec("poisson-regression", 12, 1.0), NAMES,
        new double[] {0.8, 0.4, -0.3}, null);
  }

  private static String spec(String model, long seed, double forgetting) {
    return String.join("\n",
        "model: " + model,
        "features: [intercept, x1, x2]",
        "prior: {sd: 5}",
        "family: {latentDim: 5, hidden: [32, 32]}",
        "critic: {hidden: [64, 64]}",
        "train: {iterations: 600, batch: 50, dataBatch: 0, seed: " + seed + "}",
        "stream: {mode: recursive, forgetting: " + forgetting
            + ", windowRows: " + WINDOW_ROWS + ", iterationsPerWindow: 200}",
        "");
  }
}
