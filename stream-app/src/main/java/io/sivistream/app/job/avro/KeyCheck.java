package io.sivistream.app.job.avro;

import io.sivistream.app.job.InvalidRecordException;
import java.nio.charset.StandardCharsets;

/** The Kafka key of observations and specs is the model id; a different key is a producer bug. */
final class KeyCheck {

  private KeyCheck() {}

  /**
   * @param what "observation" or "model spec", for the message
   * @throws InvalidRecordException when the key is present and is not {@code modelId} in UTF-8
   */
  static void keyMatches(String what, byte[] key, String modelId) throws InvalidRecordException {
    if (key == null) {
      return;
    }
    String k = new String(key, StandardCharsets.UTF_8);
    if (!k.equals(modelId)) {
      throw new InvalidRecordException(what + " key '" + k + "' differs from its modelId '"
          + modelId + "'; producers must key records by model id");
    }
  }
}
