package io.sivistream.core.train;

import io.sivistream.core.family.SemiImplicitPosterior;

/**
 * Outcome of a batch fit: the fitted posterior (sample from it) and diagnostics.
 *
 * @param posterior the fitted semi-implicit distribution
 * @param iterations iterations actually run
 * @param finalLoss running mean of the family loss at the end
 * @param recoveries how many times a non-finite step was rolled back (0 in a healthy run)
 * @param seconds wall time of the fit
 */
public record FitResult(SemiImplicitPosterior posterior, int iterations, double finalLoss, int recoveries, double seconds) {
}
