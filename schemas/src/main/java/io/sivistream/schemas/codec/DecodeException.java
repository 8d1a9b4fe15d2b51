package io.sivistream.schemas.codec;

import java.util.Objects;

/**
 * Bytes that are not a readable single-object payload of the expected record. The message says
 * what was wrong and, where it helps, what to do; {@link #kind()} classifies it for metrics and
 * dead-letter routing. Unchecked, so that it crosses Kafka's and Flink's interfaces unchanged.
 */
public final class DecodeException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why a payload could not be decoded. */
  public enum Kind {
    /** No bytes at all: a {@code null} value (a Kafka tombstone). */
    MISSING,
    /** The bytes end before the header or the datum is complete. */
    TRUNCATED,
    /** The first two bytes are not the single-object marker {@code C3 01}. */
    BAD_MARKER,
    /** The header's schema fingerprint is not in {@link KnownSchemas}. */
    UNKNOWN_FINGERPRINT,
    /** The fingerprint names a known schema of another record type. */
    WRONG_TYPE,
    /** The writer schema is known but cannot be resolved against the reader schema. */
    INCOMPATIBLE,
    /** The datum's bytes do not follow the writer schema (bad length, bad union branch, ...). */
    MALFORMED,
    /** A complete datum is followed by extra bytes. */
    TRAILING_BYTES
  }

  private final Kind kind;

  /**
   * @param kind what went wrong
   * @param message a sentence naming the record type and the evidence (lengths, bytes, fingerprint)
   * @param cause the underlying Avro or I/O error, or {@code null}
   */
  public DecodeException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  /** Why decoding failed. */
  public Kind kind() {
    return kind;
  }
}
