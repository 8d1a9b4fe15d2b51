package io.sivistream.core.mcmc;

/**
 * Settings of a NUTS run. {@link #DEFAULT} matches Stan's defaults (4 chains, 1000 warmup and 1000
 * kept iterations per chain, tree depth 10, target acceptance 0.8).
 *
 * @param chains independent chains, run in parallel threads (>= 1)
 * @param warmup warmup (adaptation) iterations per chain, discarded (>= 0)
 * @param draws kept draws in total over all chains; each chain keeps draws / chains, so it must be a
 *     multiple of chains
 * @param seed RNG seed; the draws are a deterministic function of it (and the target)
 * @param maxTreeDepth maximum tree depth: at most 2^maxTreeDepth leapfrog steps per iteration (1..30)
 * @param targetAccept target mean acceptance statistic of the step size adaptation, in (0, 1)
 */
public record HmcConfig(int chains, int warmup, int draws, long seed, int maxTreeDepth, double targetAccept) {

  public static final HmcConfig DEFAULT = new HmcConfig(4, 1000, 4000, 1L, 10, 0.8);

  public HmcConfig {
    require(chains >= 1, "hmc.chains must be >= 1, got " + chains);
    require(warmup >= 0, "hmc.warmup must be >= 0, got " + warmup);
    require(draws >= chains, "hmc.draws must be >= chains (" + chains + "), got " + draws);
    require(draws % chains == 0,
        "hmc.draws must be a multiple of chains (" + chains + ") so each chain keeps the same number, got "
            + draws + "; use " + (draws / chains) * chains + " or " + (draws / chains + 1) * chains);
    require(maxTreeDepth >= 1 && maxTreeDepth <= 30, "hmc.maxTreeDepth must be in 1..30, got " + maxTreeDepth);
    require(targetAccept > 0 && targetAccept < 1, "hmc.targetAccept must be in (0, 1), got " + targetAccept);
  }

  /** Kept draws per chain. */
  public int drawsPerChain() {
    return draws / chains;
  }

  public HmcConfig withSeed(long s) {
    return new HmcConfig(chains, warmup, draws, s, maxTreeDepth, targetAccept);
  }

  /** The same settings with another chain count and total draws. */
  public HmcConfig withChainsAndDraws(int c, int d) {
    return new HmcConfig(c, warmup, d, seed, maxTreeDepth, targetAccept);
  }

  public HmcConfig withWarmup(int w) {
    return new HmcConfig(chains, w, draws, seed, maxTreeDepth, targetAccept);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
