package io.sivistream.schemas;

/**
 * The kinds of dead letter ({@link DeadLetter#getCause()}): what the job and the serving app
 * count per kind in their metrics, and what a consumer of {@code dead-letters} can route on.
 */
public enum DeadLetterCause {
  /** The bytes are not a known Avro record of the topic's type. */
  UNDECODABLE,
  /** A model spec that does not parse or names an unknown model. */
  INVALID_SPEC,
  /** An observation with another feature count than its model's spec. */
  WRONG_DIMENSION,
  /** An observation its model cannot take (a label outside the likelihood's support, ...). */
  REJECTED_ROW,
  /** Rows of a model id no spec arrived for in time. */
  UNKNOWN_MODEL,
  /** A row of a window whose update failed; the model kept its previous posterior. */
  FAILED_UPDATE,
  /** A prediction request the serving app could not answer. */
  PREDICTION_ERROR
}
