/**
 * The Flink job that keeps posteriors current: Kafka sources for observations and model specs,
 * event-time watermarks, per-model windows (by row count or event time) in keyed state, the
 * window update behind {@link io.sivistream.app.job.WindowUpdater}, and exactly-once Kafka sinks
 * for summaries, draws and dead letters. Record formats stay behind small decoder and encoder
 * interfaces so that this package does not depend on the Avro classes or on the numerical engine.
 */
package io.sivistream.app.job;
