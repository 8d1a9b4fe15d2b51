package io.sivistream.core.critic;

import java.util.List;

/**
 * Shape of the critic f_psi: R^d -> R^d, an MLP.
 *
 * @param hidden hidden layer widths
 */
public record CriticConfig(List<Integer> hidden) {

  public static final CriticConfig DEFAULT = new CriticConfig(List.of(256, 256));

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
