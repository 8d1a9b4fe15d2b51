package io.sivistream.core.train;

/** Receives progress of a long fit; called from the training thread every few hundred iterations. */
@FunctionalInterface
public interface ProgressListener {

  /**
   * @param iteration iterations done
   * @param total iterations planned
   * @param loss running mean of the family loss (the Fisher-divergence estimate)
   * @param elapsedSeconds wall time since the start of the fit
   */
  void onProgress(int iteration, int total, double loss, double elapsedSeconds);

  ProgressListener NONE = (i, n, l, s) -> { };
}
