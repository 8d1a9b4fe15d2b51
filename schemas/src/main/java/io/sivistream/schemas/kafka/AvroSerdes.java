package io.sivistream.schemas.kafka;

import io.sivistream.schemas.DeadLetter;
import io.sivistream.schemas.ModelSpec;
import io.sivistream.schemas.Observation;
import io.sivistream.schemas.PosteriorDraws;
import io.sivistream.schemas.PosteriorSummary;
import io.sivistream.schemas.Prediction;
import io.sivistream.schemas.PredictionRequest;

/**
 * One {@link AvroSerde} per record of the contract. Named {@code AvroSerdes}, not {@code Serdes},
 * so that it sits next to Kafka's {@code Serdes.String()} without a qualified name.
 */
public final class AvroSerdes {

  private AvroSerdes() {}

  /** Serde for {@link Observation} (topic {@code observations}). */
  public static AvroSerde<Observation> observation() {
    return AvroSerde.forType(Observation.class);
  }

  /** Serde for {@link ModelSpec} (topic {@code models}). */
  public static AvroSerde<ModelSpec> modelSpec() {
    return AvroSerde.forType(ModelSpec.class);
  }

  /** Serde for {@link PosteriorSummary} (topic {@code posterior-summaries}). */
  public static AvroSerde<PosteriorSummary> posteriorSummary() {
    return AvroSerde.forType(PosteriorSummary.class);
  }

  /** Serde for {@link PosteriorDraws} (topic {@code posterior-draws}). */
  public static AvroSerde<PosteriorDraws> posteriorDraws() {
    return AvroSerde.forType(PosteriorDraws.class);
  }

  /** Serde for {@link PredictionRequest} (topic {@code prediction-requests}). */
  public static AvroSerde<PredictionRequest> predictionRequest() {
    return AvroSerde.forType(PredictionRequest.class);
  }

  /** Serde for {@link Prediction} (topic {@code predictions}). */
  public static AvroSerde<Prediction> prediction() {
    return AvroSerde.forType(Prediction.class);
  }

  /** Serde for {@link DeadLetter} (topic {@code dead-letters}). */
  public static AvroSerde<DeadLetter> deadLetter() {
    return AvroSerde.forType(DeadLetter.class);
  }
}
