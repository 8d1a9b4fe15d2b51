package io.sivistream.core.mcmc;

import java.util.List;

/** STUB for the cli branch (dropped at merge): the real result comes from the hmc branch. */
public record HmcResult(List<String> names, double[][] draws, double[] rhat, double[] ess, double[] stepSizes,
    int divergences, double seconds) {
}
