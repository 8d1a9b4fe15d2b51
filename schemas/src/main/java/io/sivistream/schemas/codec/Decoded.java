package io.sivistream.schemas.codec;

import io.sivistream.schemas.DeadLetter;
import io.sivistream.schemas.DeadLetterCause;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * The outcome of decoding one record: either a value, or the reason it could not be decoded
 * together with the raw key and value bytes; both carry the record's {@link RecordOrigin}. A
 * stream job turns failures into {@link DeadLetter}s ({@link #toDeadLetter}) instead of failing.
 *
 * <p>Immutable apart from the value itself (Avro records are mutable; do not change them).
 *
 * @param <T> the record type
 */
public final class Decoded<T> {

  private final T value;
  private final DecodeException.Kind failure;
  private final String error;
  private final RecordOrigin origin;
  private final byte[] key;
  private final byte[] raw;

  private Decoded(T value, DecodeException.Kind failure, String error, RecordOrigin origin, byte[] key, byte[] raw) {
    this.value = value;
    this.failure = failure;
    this.error = error;
    this.origin = Objects.requireNonNull(origin, "origin");
    this.key = key;
    this.raw = raw;
  }

  /** A decoded value. */
  public static <T> Decoded<T> ok(T value, RecordOrigin origin) {
    return new Decoded<>(Objects.requireNonNull(value, "value"), null, null, origin, null, null);
  }

  /**
   * A failure.
   *
   * @param kind why decoding failed
   * @param error the full message (what was wrong, what to do)
   * @param origin where the bytes came from
   * @param key the record's key bytes, or null (copied)
   * @param raw the undecodable value bytes, or null for a tombstone (copied)
   */
  public static <T> Decoded<T> failed(DecodeException.Kind kind, String error, RecordOrigin origin,
      byte[] key, byte[] raw) {
    return new Decoded<>(null, Objects.requireNonNull(kind, "kind"), Objects.requireNonNull(error, "error"),
        origin, copy(key), copy(raw));
  }

  /** True when a value was decoded. */
  public boolean isOk() {
    return failure == null;
  }

  /** The decoded value; throws {@link IllegalStateException} on a failure. */
  public T value() {
    if (failure != null) {
      throw new IllegalStateException("no value: decoding failed (" + failure + "): " + error);
    }
    return value;
  }

  /** Why decoding failed, or null when {@link #isOk()}. */
  public DecodeException.Kind failureKind() {
    return failure;
  }

  /** The failure message, or null when {@link #isOk()}. */
  public String error() {
    return error;
  }

  /** Where the record came from. */
  public RecordOrigin origin() {
    return origin;
  }

  /** Key bytes of a failed record (a copy), or null; always null when {@link #isOk()}. */
  public byte[] key() {
    return copy(key);
  }

  /** Value bytes of a failed record (a copy), or null; always null when {@link #isOk()}. */
  public byte[] raw() {
    return copy(raw);
  }

  /**
   * The dead letter for a failure: origin, key and value bytes, and "undecodable KIND: message"
   * as the reason. Throws {@link IllegalStateException} when {@link #isOk()}.
   */
  public DeadLetter toDeadLetter(Instant failedAt) {
    if (failure == null) {
      throw new IllegalStateException("a decoded value is not a dead letter; use RecordOrigin.deadLetter"
          + " to reject a decoded record for another reason");
    }
    return origin.deadLetter(key, raw, "undecodable " + failure + ": " + error,
        DeadLetterCause.UNDECODABLE, failedAt);
  }

  private static byte[] copy(byte[] bytes) {
    return bytes == null ? null : bytes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Decoded<?> other
        && Objects.equals(value, other.value)
        && failure == other.failure
        && Objects.equals(error, other.error)
        && origin.equals(other.origin)
        && Arrays.equals(key, other.key)
        && Arrays.equals(raw, other.raw);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value, failure, error, origin, Arrays.hashCode(key), Arrays.hashCode(raw));
  }

  @Override
  public String toString() {
    return isOk()
        ? "Decoded[ok " + origin + "]"
        : "Decoded[" + failure + " " + origin + ": " + error + "]";
  }
}
