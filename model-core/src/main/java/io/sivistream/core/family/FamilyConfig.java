package io.sivistream.core.family;

import java.util.List;

/**
 * Shape of the semi-implicit family z ~ N(0, I_k), x | z ~ N(mu(z), diag sigma(z)^2).
 *
 * @param latentDim k; 0 means "choose from the target dimension" (see {@link #resolveLatentDim})
 * @param hidden hidden layer widths of the MLP mu
 * @param conditionalSigma false: one sigma per coordinate (the paper); true: sigma depends on z
 * @param initialSigma starting value of every sigma
 * @param activation hidden-layer activation of the MLP mu
 */
public record FamilyConfig(int latentDim, List<Integer> hidden, boolean conditionalSigma, double initialSigma,
    io.sivistream.core.nn.Activation activation) {

  public static final FamilyConfig DEFAULT = new FamilyConfig(0, List.of(100, 100), false, 0.5, io.sivistream.core.nn.Activation.RELU);

  public FamilyConfig {
    if (latentDim < 0) {
      throw new IllegalArgumentException("family.latentDim must be >= 1 (or 0 for automatic), got " + latentDim);
    }
    hidden = List.copyOf(hidden);
    if (activation == null) {
      throw new IllegalArgumentException("family.activation must be one of relu, tanh");
    }
    for (int h : hidden) {
      if (h < 1) {
        throw new IllegalArgumentException("family.hidden widths must be >= 1, got " + hidden);
      }
    }
    if (!(initialSigma > 0) || Double.isInfinite(initialSigma)) {
      throw new IllegalArgumentException("family.initialSigma must be > 0, got " + initialSigma);
    }
  }

  /** A config with the default (ReLU) activation. */
  public FamilyConfig(int latentDim, List<Integer> hidden, boolean conditionalSigma, double initialSigma) {
    this(latentDim, hidden, conditionalSigma, initialSigma, io.sivistream.core.nn.Activation.RELU);
  }

  /** The latent dimension to use for a target of dimension d. */
  public int resolveLatentDim(int d) {
    // k >= d lets the linear skip carry a full-rank covariance; capped so huge models stay affordable
    return latentDim > 0 ? latentDim : Math.min(Math.max(10, d), 100);
  }
}
