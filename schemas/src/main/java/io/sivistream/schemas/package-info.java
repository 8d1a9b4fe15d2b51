/**
 * The SIVI Stream wire contract: Avro specific records generated from {@code src/main/avro/*.avsc}
 * ({@link io.sivistream.schemas.Observation}, {@link io.sivistream.schemas.ModelSpec},
 * {@link io.sivistream.schemas.PosteriorSummary}, {@link io.sivistream.schemas.PosteriorDraws},
 * {@link io.sivistream.schemas.PredictionRequest}, {@link io.sivistream.schemas.Prediction},
 * {@link io.sivistream.schemas.DeadLetter}) and the topic names they travel on ({@link Topics}).
 *
 * <p>Timestamps ({@code timestamp-millis}) appear as {@link java.time.Instant} and are truncated to
 * milliseconds on the wire; strings are {@link java.lang.String}; arrays are {@link java.util.List}.
 * Codecs live in {@code codec}, Kafka serdes in {@code kafka}, Flink schemas in {@code flink}.
 */
package io.sivistream.schemas;
