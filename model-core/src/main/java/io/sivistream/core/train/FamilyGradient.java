package io.sivistream.core.train;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the family's step uses the critic. The critic's own step is SIVI-SM's in every case: it
 * maximises E[2 fᵀ(S − ∇log q(x|z)) − |f|²], whose maximiser is f* = S − ∇log q.
 */
public enum FamilyGradient {
  /**
   * Fisher for a batch fit of a log-concave target (and for streaming windows), transport
   * otherwise; see {@link SiviSm#schedule}.
   */
  AUTO,
  /**
   * The SIVI-SM paper's family step: descend the minimax objective at the current critic (the
   * Fisher divergence at the critic's optimum).
   */
  FISHER,
  /**
   * Move the draws along the critic: with f = S − ∇log q, E[−fᵀ ∂x/∂phi] is the reparameterised
   * gradient of KL(q || p), so the family follows the Wasserstein gradient flow of the KL
   * divergence with the critic as its velocity field. Needs no Hessian-vector product of the
   * target. On the curved and multi-armed 2-D targets the Fisher step first shrinks the fit
   * towards the mode, where the target's score is small, and takes tens of thousands of
   * iterations to widen again; the transport step carries mass out along the curve from the start
   * (docs/accuracy.md).
   */
  TRANSPORT;

  /** The spec's spelling: auto, fisher, transport. */
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses the spec's spelling; the message lists the valid values. */
  public static FamilyGradient parse(String s) {
    for (FamilyGradient g : values()) {
      if (g.yamlName().equals(s)) {
        return g;
      }
    }
    throw new IllegalArgumentException("train.familyGradient must be one of " + names() + ", got '" + s + "'");
  }

  /** The spec's spellings, comma-separated. */
  static String names() {
    return Arrays.stream(values()).map(FamilyGradient::yamlName).collect(Collectors.joining(", "));
  }
}
