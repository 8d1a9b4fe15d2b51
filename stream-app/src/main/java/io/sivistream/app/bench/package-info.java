/**
 * {@code sivistream bench pipeline}: drives the embedded Kafka broker and the posterior job on
 * local Flink with a synthetic logistic-regression stream at a fixed rate and measures sustained
 * throughput in and out, the refresh latency of committed posteriors after each window closes,
 * the broker lag and the process's memory over time.
 *
 * <p>{@link io.sivistream.app.bench.PipelineBench} runs it; {@link io.sivistream.app.bench.Stats}
 * holds the arithmetic (percentiles, rates) so that it can be tested on its own.
 */
package io.sivistream.app.bench;
