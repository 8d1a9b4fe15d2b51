package io.sivistream.app.job;

/**
 * What the observations source emits: either a decoded row or a dead letter (exactly one is
 * non-null). Decoding inside the source lets the watermark use the observation's own event time.
 */
public record ObservationInput(ObservationRow row, DeadLetter deadLetter) {}
