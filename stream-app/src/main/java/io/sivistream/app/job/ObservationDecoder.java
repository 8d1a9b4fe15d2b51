package io.sivistream.app.job;

import java.io.Serializable;

/**
 * Turns the bytes of a record on the observations topic into an {@link ObservationLike}. Runs
 * inside the Kafka source, so it must be serializable and should be cheap and thread-confined.
 */
@FunctionalInterface
public interface ObservationDecoder extends Serializable {

  /**
   * Decodes one record.
   *
   * @param key   Kafka key bytes (the model id), may be null
   * @param value Kafka value bytes, may be null
   * @throws InvalidRecordException when the bytes are not a valid observation; the record goes to
   *                                the dead-letters topic with the exception's message as reason
   */
  ObservationLike decode(byte[] key, byte[] value) throws InvalidRecordException;
}
