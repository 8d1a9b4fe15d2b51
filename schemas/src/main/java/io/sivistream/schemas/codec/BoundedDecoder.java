package io.sivistream.schemas.codec;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.util.Utf8;

/**
 * An Avro binary decoder over a byte array that refuses lengths and item counts larger than the
 * bytes left. Avro allocates a string, a byte buffer or a primitive array of the announced size
 * before reading it, so one corrupt varint (say 2^30 doubles) would otherwise cost gigabytes of
 * heap and could kill the task manager; here it is a {@link Truncated} error instead. Every array or
 * map item of the contract takes at least one byte, which makes "count &lt;= bytes left" a sound
 * bound (it would not be for items of type {@code null}, which the contract does not use).
 *
 * <p>Reads go straight to the stream (Avro's direct decoder, no read-ahead buffer), so
 * {@link #remaining()} is exact at every point, including after the datum for the trailing-bytes
 * check. Not thread-safe: one per decode call.
 */
final class BoundedDecoder extends Decoder {

  /** A length or count that cannot fit in the bytes left: the input is truncated or corrupt. */
  static final class Truncated extends EOFException {
    private static final long serialVersionUID = 1L;

    Truncated(String message) {
      super(message);
    }
  }

  /** A length that no writer produces (negative). */
  static final class Corrupt extends IOException {
    private static final long serialVersionUID = 1L;

    Corrupt(String message) {
      super(message);
    }
  }

  private final ByteArrayInputStream in;
  private final BinaryDecoder binary;

  BoundedDecoder(byte[] bytes, int offset) {
    this.in = new ByteArrayInputStream(bytes, offset, bytes.length - offset);
    this.binary = DecoderFactory.get().directBinaryDecoder(in, null);
  }

  /** Bytes not consumed yet. */
  int remaining() {
    return in.available();
  }

  private int length(String what) throws IOException {
    long length = binary.readLong();
    if (length < 0) {
      throw new Corrupt(what + " length is negative (" + length + ")");
    }
    if (length > in.available()) {
      throw new Truncated(what + " of " + length + " bytes announced but only " + in.available() + " bytes left");
    }
    return (int) length;
  }

  private long items(long count, String what) throws IOException {
    if (count > in.available()) {
      throw new Truncated(what + " of " + count + " items announced but only " + in.available() + " bytes left");
    }
    return count;
  }

  @Override
  public void readNull() throws IOException {
    binary.readNull();
  }

  @Override
  public boolean readBoolean() throws IOException {
    return binary.readBoolean();
  }

  @Override
  public int readInt() throws IOException {
    return binary.readInt();
  }

  @Override
  public long readLong() throws IOException {
    return binary.readLong();
  }

  @Override
  public float readFloat() throws IOException {
    return binary.readFloat();
  }

  @Override
  public double readDouble() throws IOException {
    return binary.readDouble();
  }

  @Override
  public Utf8 readString(Utf8 old) throws IOException {
    int length = length("string");
    Utf8 result = old != null ? old : new Utf8();
    result.setByteLength(length);
    binary.readFixed(result.getBytes(), 0, length);
    return result;
  }

  @Override
  public String readString() throws IOException {
    int length = length("string");
    byte[] bytes = new byte[length];
    binary.readFixed(bytes, 0, length);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Override
  public void skipString() throws IOException {
    binary.skipFixed(length("string"));
  }

  @Override
  public ByteBuffer readBytes(ByteBuffer old) throws IOException {
    int length = length("bytes");
    ByteBuffer result;
    if (old != null && old.hasArray() && length <= old.capacity()) {
      result = old;
      result.clear();
    } else {
      result = ByteBuffer.allocate(length);
    }
    binary.readFixed(result.array(), result.arrayOffset() + result.position(), length);
    result.limit(length);
    return result;
  }

  @Override
  public void skipBytes() throws IOException {
    binary.skipFixed(length("bytes"));
  }

  @Override
  public void readFixed(byte[] bytes, int start, int length) throws IOException {
    binary.readFixed(bytes, start, length);
  }

  @Override
  public void skipFixed(int length) throws IOException {
    binary.skipFixed(length);
  }

  @Override
  public int readEnum() throws IOException {
    return binary.readEnum();
  }

  @Override
  public long readArrayStart() throws IOException {
    return items(binary.readArrayStart(), "array block");
  }

  @Override
  public long arrayNext() throws IOException {
    return items(binary.arrayNext(), "array block");
  }

  @Override
  public long skipArray() throws IOException {
    return items(binary.skipArray(), "array block");
  }

  @Override
  public long readMapStart() throws IOException {
    return items(binary.readMapStart(), "map block");
  }

  @Override
  public long mapNext() throws IOException {
    return items(binary.mapNext(), "map block");
  }

  @Override
  public long skipMap() throws IOException {
    return items(binary.skipMap(), "map block");
  }

  @Override
  public int readIndex() throws IOException {
    return binary.readIndex();
  }
}
