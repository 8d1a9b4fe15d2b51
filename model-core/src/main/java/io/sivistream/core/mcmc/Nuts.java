package io.sivistream.core.mcmc;

import io.sivistream.core.target.Target;
import io.sivistream.core.train.ProgressListener;

/** STUB for the cli branch (dropped at merge): the real sampler comes from the hmc branch. */
public final class Nuts {

  private Nuts() {}

  public static HmcResult sample(Target target, HmcConfig config, ProgressListener progress) {
    throw new UnsupportedOperationException("stub: Nuts.sample");
  }
}
