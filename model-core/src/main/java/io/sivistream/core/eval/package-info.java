/**
 * Accuracy measures of an approximate posterior against a reference sample (typically NUTS draws):
 * used by the accuracy tests and the benchmarks.
 *
 * <p>Entry point: {@link io.sivistream.core.eval.Discrepancy#compare}.
 */
package io.sivistream.core.eval;
