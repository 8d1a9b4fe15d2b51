package io.sivistream.core.stream;

import io.sivistream.core.summary.DrawSummary;

/** TEMPORARY stub of model-core's WindowSummary (pipeline branch); deleted once main has it. */
public record WindowSummary(long version, long rowsInWindow, long rowsTotal, DrawSummary stats,
    UpdateDiagnostics diagnostics) {}
