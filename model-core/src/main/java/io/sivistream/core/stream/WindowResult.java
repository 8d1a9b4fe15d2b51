package io.sivistream.core.stream;

import io.sivistream.core.family.FittedPosterior;

/**
 * Output of {@link StreamingUpdate#apply}.
 *
 * @param state state to continue from
 * @param summary what to publish
 * @param posterior the window's posterior, for drawing samples
 */
public record WindowResult(PosteriorState state, WindowSummary summary, FittedPosterior posterior) {
}
