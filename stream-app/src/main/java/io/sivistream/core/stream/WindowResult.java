package io.sivistream.core.stream;

import io.sivistream.core.family.FittedPosterior;

/** TEMPORARY stub of model-core's WindowResult (pipeline branch); deleted once main has it. */
public record WindowResult(PosteriorState state, WindowSummary summary, FittedPosterior posterior) {}
