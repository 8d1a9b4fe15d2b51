/**
 * Posterior summaries computed from draws: mean, sd, quantiles and correlations per parameter, as
 * published in {@code PosteriorSummary} records and printed by the CLI.
 *
 * <p>Entry point: {@link io.sivistream.core.summary.DrawSummary#of}.
 */
package io.sivistream.core.summary;
