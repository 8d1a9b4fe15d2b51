package io.sivistream.schemas.codec;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.io.DatumReader;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Encodes and decodes one record type in Avro single-object encoding: {@code C3 01}, the 8-byte
 * little-endian CRC-64-AVRO fingerprint of the writer schema, then the Avro binary datum.
 *
 * <p>Encoding uses Avro's {@link BinaryMessageEncoder}. Decoding follows
 * {@link org.apache.avro.message.BinaryMessageDecoder}'s protocol (writer schema looked up by
 * fingerprint in a {@link org.apache.avro.message.SchemaStore}, here {@link KnownSchemas}, and
 * resolved against the current schema) but reads the header and the datum itself, so that every
 * failure becomes a {@link DecodeException} with a precise {@link DecodeException.Kind}, a
 * corrupt length cannot trigger a huge allocation, and trailing bytes are caught. Thread-safe.
 *
 * <pre>{@code
 * AvroCodec<Observation> codec = AvroCodec.of(Observation.class);
 * byte[] bytes = codec.encode(observation);
 * Observation back = codec.decode(bytes);   // or DecodeException
 * }</pre>
 *
 * @param <T> the generated specific record class
 */
public final class AvroCodec<T extends SpecificRecord> {

  /** Length of the single-object header: 2 marker bytes and an 8-byte fingerprint. */
  public static final int HEADER_LENGTH = 10;

  private static final byte MARKER_0 = (byte) 0xC3;
  private static final byte MARKER_1 = (byte) 0x01;

  private final Class<T> type;
  private final Schema schema;
  private final SpecificData model;
  private final long fingerprint;
  private final KnownSchemas known;
  private final BinaryMessageEncoder<T> encoder;
  private final ConcurrentMap<Long, DatumReader<T>> readers = new ConcurrentHashMap<>();

  /**
   * @param type the generated record class; its embedded schema is the writer schema for
   *     {@link #encode} and the reader schema for {@link #decode}
   * @param known the writer schemas {@link #decode} accepts
   */
  public AvroCodec(Class<T> type, KnownSchemas known) {
    this.type = Objects.requireNonNull(type, "type");
    this.known = Objects.requireNonNull(known, "known");
    // the class's own model carries its logical-type conversions (timestamp-millis <-> Instant)
    this.model = SpecificData.getForClass(type);
    this.schema = model.getSchema(type);
    this.fingerprint = KnownSchemas.fingerprint(schema);
    this.encoder = new BinaryMessageEncoder<>(model, schema);
  }

  /** A codec for {@code type} that accepts the writer schemas of {@link KnownSchemas#defaults()}. */
  public static <T extends SpecificRecord> AvroCodec<T> of(Class<T> type) {
    return new AvroCodec<>(type, KnownSchemas.defaults());
  }

  /** The record class. */
  public Class<T> type() {
    return type;
  }

  /** The current (writer and reader) schema. */
  public Schema schema() {
    return schema;
  }

  /** Fingerprint written in the header of every encoded record. */
  public long fingerprint() {
    return fingerprint;
  }

  /** The writer schemas accepted by {@link #decode}. */
  public KnownSchemas knownSchemas() {
    return known;
  }

  /**
   * Single-object encoding of {@code record}.
   *
   * @throws IllegalArgumentException when the record does not fit its schema (e.g. a required
   *     field is null); the message names the record type and the field
   */
  public byte[] encode(T record) {
    Objects.requireNonNull(record, () -> "cannot encode a null " + type.getSimpleName());
    ByteBuffer buffer;
    try {
      buffer = encoder.encode(record);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode " + type.getSimpleName(), e);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("cannot encode " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
    if (buffer.hasArray() && buffer.arrayOffset() == 0 && buffer.position() == 0
        && buffer.remaining() == buffer.array().length) {
      return buffer.array();
    }
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }

  /**
   * Decodes a single-object payload written with any known version of this record's schema;
   * fields the writer lacked get the reader schema's defaults.
   *
   * @throws DecodeException when the bytes are not such a payload; {@link DecodeException#kind()} says why
   */
  public T decode(byte[] bytes) {
    String name = type.getSimpleName();
    if (bytes == null) {
      throw new DecodeException(DecodeException.Kind.MISSING,
          "no bytes to decode as " + name + ": the value is null (a tombstone)", null);
    }
    boolean badMarker = bytes.length >= 1 && bytes[0] != MARKER_0 || bytes.length >= 2 && bytes[1] != MARKER_1;
    if (badMarker) {
      String first = bytes.length == 1
          ? String.format("first byte is 0x%02X", bytes[0])
          : String.format("first bytes are 0x%02X 0x%02X", bytes[0], bytes[1]);
      throw new DecodeException(DecodeException.Kind.BAD_MARKER, "not an Avro single-object payload: " + first
          + ", expected the marker 0xC3 0x01" + (bytes[0] == '{' ? " (this looks like JSON text)" : "")
          + "; producers must write " + name + " with AvroCodec or AvroSerde", null);
    }
    if (bytes.length < HEADER_LENGTH) {
      throw new DecodeException(DecodeException.Kind.TRUNCATED, "truncated " + name + " payload: "
          + bytes.length + " bytes, but the single-object header alone takes " + HEADER_LENGTH
          + " (marker C3 01 + 8-byte schema fingerprint)", null);
    }
    long writerFingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    DatumReader<T> reader = readerFor(writerFingerprint);
    BoundedDecoder in = new BoundedDecoder(bytes, HEADER_LENGTH);
    T value;
    try {
      value = reader.read(null, in);
    } catch (EOFException e) {
      throw truncated(bytes, e);
    } catch (IOException | RuntimeException e) {
      if (e.getCause() instanceof EOFException eof) {
        throw truncated(bytes, eof);
      }
      throw new DecodeException(DecodeException.Kind.MALFORMED, "malformed " + name + " datum (writer schema "
          + KnownSchemas.hex(writerFingerprint) + "): " + e, e);
    }
    if (in.remaining() > 0) {
      throw new DecodeException(DecodeException.Kind.TRAILING_BYTES, in.remaining()
          + " unexpected bytes after a complete " + name + " datum; a single-object payload holds exactly one datum",
          null);
    }
    return value;
  }

  /**
   * Like {@link #decode} but never throws for bad bytes: a failure is returned as a value.
   *
   * @param bytes the payload, possibly {@code null}
   * @param origin where the bytes came from
   * @param key the record's key bytes, kept with a failure for the dead letter; may be null
   */
  public Decoded<T> tryDecode(byte[] bytes, RecordOrigin origin, byte[] key) {
    try {
      return Decoded.ok(decode(bytes), origin);
    } catch (DecodeException e) {
      return Decoded.failed(e.kind(), e.getMessage(), origin, key, bytes);
    }
  }

  private DecodeException truncated(byte[] bytes, EOFException e) {
    String detail = e.getMessage() == null ? "the bytes end before the record is complete" : e.getMessage();
    return new DecodeException(DecodeException.Kind.TRUNCATED, "truncated " + type.getSimpleName() + " datum ("
        + (bytes.length - HEADER_LENGTH) + " bytes after the header): " + detail, e);
  }

  private DatumReader<T> readerFor(long writerFingerprint) {
    DatumReader<T> reader = readers.get(writerFingerprint);
    if (reader != null) {
      return reader;
    }
    Schema writer = known.findByFingerprint(writerFingerprint);
    if (writer == null) {
      String versions = known.versionsOf(schema.getFullName()).stream()
          .map(s -> KnownSchemas.hex(KnownSchemas.fingerprint(s)))
          .collect(Collectors.joining(", "));
      throw new DecodeException(DecodeException.Kind.UNKNOWN_FINGERPRINT, "unknown schema fingerprint "
          + KnownSchemas.hex(writerFingerprint) + ": no known schema has it (known " + type.getSimpleName()
          + " versions: " + versions + "); if a valid producer wrote it, add its .avsc to"
          + " schemas/src/main/resources/history/ and list it in " + KnownSchemas.HISTORY_INDEX, null);
    }
    if (!writer.getFullName().equals(schema.getFullName()) && !schema.getAliases().contains(writer.getFullName())) {
      throw new DecodeException(DecodeException.Kind.WRONG_TYPE, "payload holds " + writer.getFullName()
          + " (fingerprint " + KnownSchemas.hex(writerFingerprint) + "), expected " + schema.getFullName()
          + "; check which topic the producer writes to", null);
    }
    SchemaCompatibility.SchemaPairCompatibility compatibility =
        SchemaCompatibility.checkReaderWriterCompatibility(schema, writer);
    if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
      List<SchemaCompatibility.Incompatibility> problems = compatibility.getResult().getIncompatibilities();
      String why = problems.stream()
          .map(p -> p.getType() + " at " + p.getLocation() + ": " + p.getMessage())
          .collect(Collectors.joining("; "));
      throw new DecodeException(DecodeException.Kind.INCOMPATIBLE, "writer schema "
          + KnownSchemas.hex(writerFingerprint) + " of " + writer.getFullName()
          + " cannot be read with the current one: " + why, null);
    }
    @SuppressWarnings("unchecked")
    DatumReader<T> created = (DatumReader<T>) model.createDatumReader(writer, schema);
    DatumReader<T> raced = readers.putIfAbsent(writerFingerprint, created);
    return raced != null ? raced : created;
  }

  @Override
  public String toString() {
    return "AvroCodec[" + schema.getFullName() + " " + KnownSchemas.hex(fingerprint) + ", accepts "
        + known.versionsOf(schema.getFullName()).size() + " versions]";
  }
}
