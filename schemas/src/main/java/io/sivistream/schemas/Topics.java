package io.sivistream.schemas;

/**
 * Default Kafka topic names of the data flow (see DESIGN.md). Deployments may rename them through
 * configuration; these are the names the embedded runtime and the examples use.
 */
public final class Topics {
  /** {@link Observation} records, key = model id. */
  public static final String OBSERVATIONS = "observations";
  /** {@link ModelSpec} records, key = model id; compacted. */
  public static final String MODELS = "models";
  /** {@link PosteriorSummary} records, key = model id. */
  public static final String POSTERIOR_SUMMARIES = "posterior-summaries";
  /** {@link PosteriorDraws} records, key = model id. */
  public static final String POSTERIOR_DRAWS = "posterior-draws";
  /** {@link PredictionRequest} records, key = model id. */
  public static final String PREDICTION_REQUESTS = "prediction-requests";
  /** {@link Prediction} records, key = model id. */
  public static final String PREDICTIONS = "predictions";
  /** {@link DeadLetter} records, key = the bad record's key bytes when it had one. */
  public static final String DEAD_LETTERS = "dead-letters";

  private Topics() {}
}
