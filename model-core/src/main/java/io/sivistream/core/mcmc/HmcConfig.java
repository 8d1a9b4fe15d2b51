package io.sivistream.core.mcmc;

/** STUB for the cli branch (dropped at merge): the real config comes from the hmc branch. */
public record HmcConfig(int chains, int warmup, int draws, long seed, int maxTreeDepth, double targetAccept) {

  public static final HmcConfig DEFAULT = new HmcConfig(4, 1000, 1000, 1L, 10, 0.8);
}
