package io.sivistream.app.job;

import io.sivistream.schemas.DeadLetterCause;

/**
 * A record the job could not use, with why and where it came from.
 *
 * @param reason what was wrong, for people ("wrong dimension: expected 3 features, got 2")
 * @param origin source topic, partition and offset
 * @param key    original key bytes, may be null
 * @param value  original value bytes, may be null (e.g. when only the decoded row was kept)
 * @param cause  the kind of rejection, counted per kind in the job's metrics
 */
public record DeadLetter(String reason, RecordOrigin origin, byte[] key, byte[] value,
    DeadLetterCause cause) {

  public DeadLetter {
    cause = cause == null ? DeadLetterCause.REJECTED_ROW : cause;
  }
}
