package io.sivistream.core.target;

/** A target that can be sampled exactly, for checking fitted posteriors against the truth. */
public interface ExactSampler {

  /**
   * Independent exact draws.
   *
   * @param n number of draws
   * @param seed random seed; the same seed gives the same draws
   * @return draws, shape [n][dim]
   */
  double[][] sampleExact(int n, long seed);
}
