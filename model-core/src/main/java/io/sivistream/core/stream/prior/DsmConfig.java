package io.sivistream.core.stream.prior;

import java.util.List;

/**
 * Settings of the denoising-score-matching fit of {@link DsmPrior}.
 *
 * @param iterations Adam steps, >= 1
 * @param batch (x, eps) pairs per step, even and >= 2 (drawn as antithetic pairs eps, −eps)
 * @param hidden hidden layer widths of the score network, each >= 1
 * @param lr Adam learning rate, > 0 (decayed to a hundredth of it along a cosine over the run)
 * @param seed seed of every random choice of the fit: the fit is a deterministic function of the
 *     posterior and this config
 */
public record DsmConfig(int iterations, int batch, List<Integer> hidden, double lr, long seed) {

  public static final DsmConfig DEFAULT = new DsmConfig(2000, 256, List.of(128, 128), 5e-3, 1L);

  public DsmConfig {
    if (iterations < 1) {
      throw new IllegalArgumentException("dsm.iterations must be >= 1, got " + iterations);
    }
    if (batch < 2 || batch % 2 != 0) {
      throw new IllegalArgumentException("dsm.batch must be an even number >= 2 (antithetic pairs), got " + batch);
    }
    if (hidden == null || hidden.isEmpty()) {
      throw new IllegalArgumentException("dsm.hidden must list at least one layer width, got " + hidden);
    }
    hidden = List.copyOf(hidden);
    for (int h : hidden) {
      if (h < 1) {
        throw new IllegalArgumentException("dsm.hidden widths must be >= 1, got " + hidden);
      }
    }
    if (!(lr > 0) || !Double.isFinite(lr)) {
      throw new IllegalArgumentException("dsm.lr must be finite and > 0, got " + lr);
    }
  }

  public DsmConfig withIterations(int iterations) {
    return new DsmConfig(iterations, batch, hidden, lr, seed);
  }

  public DsmConfig withSeed(long seed) {
    return new DsmConfig(iterations, batch, hidden, lr, seed);
  }
}
