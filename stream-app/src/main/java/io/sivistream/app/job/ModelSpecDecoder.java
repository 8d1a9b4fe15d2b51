package io.sivistream.app.job;

import java.io.Serializable;

/**
 * Turns the bytes of a record on the models topic into a {@link ModelSpecLike}. A record with a
 * null value (a tombstone) deletes the model; the job handles those itself and never passes them
 * here.
 */
@FunctionalInterface
public interface ModelSpecDecoder extends Serializable {

  /**
   * Decodes one model definition.
   *
   * @param key   Kafka key bytes (the model id as UTF-8), may be null
   * @param value Kafka value bytes, non-null
   * @throws InvalidRecordException when the bytes are not a valid spec (goes to dead letters)
   */
  ModelSpecLike decode(byte[] key, byte[] value) throws InvalidRecordException;
}
