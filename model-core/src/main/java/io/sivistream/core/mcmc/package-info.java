/**
 * The reference sampler: the No-U-Turn sampler (multinomial, Stan-style) with windowed warmup, and
 * the convergence diagnostics (rank-normalised split R-hat, bulk ESS) used to trust its draws.
 *
 * <p>Its draws are the ground truth that SIVI-SM fits are checked against (accuracy tests, the
 * {@code hmc} CLI command, benchmarks). It uses only a {@link io.sivistream.core.target.Target}'s
 * plain double path ({@code logDensity}, {@code gradLogDensity}), never ND4J.
 *
 * <p>Entry point: {@link io.sivistream.core.mcmc.Nuts#sample}.
 */
package io.sivistream.core.mcmc;
