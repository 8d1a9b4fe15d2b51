package io.sivistream.core.critic;

import java.util.List;

/**
 * Shape of the critic f_psi: R^d -> R^d, an MLP.
 *
 * @param hidden hidden layer widths
 * @param activation hidden-layer activation
 */
public record CriticConfig(List<Integer> hidden, io.sivistream.core.nn.Activation activation) {

  public static final CriticConfig DEFAULT = new CriticConfig(List.of(256, 256), io.sivistream.core.nn.Activation.RELU);

  /** A config with the default (ReLU) activation. */
  public CriticConfig(List<Integer> hidden) {
    this(hidden, io.sivistream.core.nn.Activation.RELU);
  }

  public CriticConfig {
    hidden = List.copyOf(hidden);
    if (hidden.isEmpty()) {
      throw new IllegalArgumentException("critic.hidden must list at least one width, got []");
    }
    for (int h : hidden) {
      if (h < 1) {
        throw new IllegalArgumentException("critic.hidden widths must be >= 1, got " + hidden);
      }
    }
  }
}
