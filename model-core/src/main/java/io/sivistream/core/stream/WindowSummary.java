package io.sivistream.core.stream;

import io.sivistream.core.summary.DrawSummary;

/**
 * The published result of one window.
 *
 * @param version window index, 1-based
 * @param rowsInWindow rows of this window
 * @param sampledRows rows the update used when the window was a uniform sample of rowsInWindow
 *     (the likelihood rescaled to rowsInWindow); 0 when it used every row
 * @param rowsTotal rows seen so far
 * @param stats posterior statistics (means, sds, quantiles, correlations) from draws
 * @param diagnostics how the update went
 * @param nextPrior what this window left as the next window's prior, and why
 */
public record WindowSummary(long version, long rowsInWindow, long sampledRows, long rowsTotal, DrawSummary stats,
    UpdateDiagnostics diagnostics, NextPrior nextPrior) {
}
