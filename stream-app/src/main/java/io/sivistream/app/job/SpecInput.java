package io.sivistream.app.job;

/** What the models source emits: a spec update or a dead letter (exactly one is non-null). */
public record SpecInput(SpecUpdate spec, DeadLetter deadLetter) {}
