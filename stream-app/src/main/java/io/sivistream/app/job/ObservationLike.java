package io.sivistream.app.job;

/**
 * What the job needs from one decoded observation (the Avro {@code Observation} record, or any
 * other format behind an {@link ObservationDecoder}).
 */
public interface ObservationLike {

  /** Model the observation belongs to; also the Kafka key of the record. */
  String modelId();

  /** Event time, epoch milliseconds (UTC). */
  long eventTimeMillis();

  /** Feature vector x of length d (the model's feature count), finite values. */
  double[] features();

  /** Label y (a class index for classification models), finite. */
  double label();
}
