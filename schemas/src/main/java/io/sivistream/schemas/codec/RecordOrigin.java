package io.sivistream.schemas.codec;

import io.sivistream.schemas.DeadLetter;
import io.sivistream.schemas.DeadLetterCause;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Objects;

/**
 * Where a record was read from, so that a rejected record can be found again: its topic,
 * partition and offset ({@code -1} when the source has no such notion).
 *
 * @param topic source topic (or another source name), never null
 * @param partition Kafka partition, {@code >= -1}
 * @param offset offset in the partition, {@code >= -1}
 */
public record RecordOrigin(String topic, int partition, long offset) {

  public RecordOrigin {
    Objects.requireNonNull(topic, "topic");
    if (partition < -1) {
      throw new IllegalArgumentException("partition must be >= -1 (-1 = unknown), got " + partition);
    }
    if (offset < -1) {
      throw new IllegalArgumentException("offset must be >= -1 (-1 = unknown), got " + offset);
    }
  }

  /** An origin known only by name (a file, a test), with partition and offset {@code -1}. */
  public static RecordOrigin of(String source) {
    return new RecordOrigin(source, -1, -1);
  }

  /**
   * A dead letter for a record from here.
   *
   * @param key the record's key bytes, or null
   * @param value the record's value bytes, or null for a tombstone
   * @param reason why it was rejected, e.g. "features has 3 values, model m1 expects 22"
   * @param cause the kind of rejection
   * @param failedAt when it was rejected
   */
  public DeadLetter deadLetter(byte[] key, byte[] value, String reason, DeadLetterCause cause,
      Instant failedAt) {
    return DeadLetter.newBuilder()
        .setSourceTopic(topic)
        .setPartition(partition)
        .setOffset(offset)
        .setKey(key == null ? null : ByteBuffer.wrap(key.clone()))
        .setValue(value == null ? null : ByteBuffer.wrap(value.clone()))
        .setReason(Objects.requireNonNull(reason, "reason"))
        .setCause(Objects.requireNonNull(cause, "cause").name())
        .setFailedAt(Objects.requireNonNull(failedAt, "failedAt"))
        .build();
  }
}
