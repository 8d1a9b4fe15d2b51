/**
 * The real window update of the posterior job: {@link io.sivistream.app.job.engine.EngineUpdater}
 * runs model-core's streaming SIVI-SM update ({@code io.sivistream.core.stream.StreamingUpdate})
 * on each closed window and publishes Avro {@code PosteriorSummary} and {@code PosteriorDraws}
 * records; {@link io.sivistream.app.job.engine.StreamModels} turns a YAML model spec into the
 * engine's model definition and the job's window policy.
 */
package io.sivistream.app.job.engine;
