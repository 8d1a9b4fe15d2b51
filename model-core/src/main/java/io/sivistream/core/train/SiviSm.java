package io.sivistream.core.train;

import io.sivistream.core.critic.CriticConfig;
import io.sivistream.core.family.FamilyConfig;
import io.sivistream.core.target.Target;

/**
 * Batch SIVI-SM fit (Yu and Zhang, "Semi-Implicit Variational Inference via Score Matching",
 * ICLR 2023). Work in progress: the engine lands here.
 */
public final class SiviSm {

  private SiviSm() {}

  /** Fits a semi-implicit posterior to the target. */
  public static FitResult fit(Target target, FamilyConfig family, CriticConfig critic, TrainConfig train,
      ProgressListener progress) {
    throw new UnsupportedOperationException("engine not yet implemented");
  }
}
