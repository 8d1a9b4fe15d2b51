package io.sivistream.core.stream;

/**
 * How one window's update went. Everything but updateMillis is deterministic.
 *
 * @param finalLoss mean SIVI-SM loss (Fisher-divergence estimate) over the update
 * @param criticNorm L2 norm of the critic's parameters
 * @param iterations iterations run
 * @param updateMillis wall time of the update
 * @param status OK or RECOVERED
 */
public record UpdateDiagnostics(double finalLoss, double criticNorm, int iterations, long updateMillis, UpdateStatus status) {
}
