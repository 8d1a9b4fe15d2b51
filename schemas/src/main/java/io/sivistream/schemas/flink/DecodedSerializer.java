package io.sivistream.schemas.flink;

import io.sivistream.schemas.codec.DecodeException;
import io.sivistream.schemas.codec.Decoded;
import io.sivistream.schemas.codec.RecordOrigin;
import java.io.IOException;
import java.util.Objects;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Flink serializer of {@link Decoded}. Layout: a boolean (decoded?), the origin (topic, partition,
 * offset), then either the value through the nested serializer or the failure kind, message, key
 * and raw bytes (length {@code -1} for null). Versioned through {@link DecodedSerializerSnapshot}.
 *
 * @param <T> the value type
 */
public final class DecodedSerializer<T> extends TypeSerializer<Decoded<T>> {

  private static final long serialVersionUID = 1L;

  private final TypeSerializer<T> valueSerializer;

  /** @param valueSerializer serializer of the decoded values */
  public DecodedSerializer(TypeSerializer<T> valueSerializer) {
    this.valueSerializer = Objects.requireNonNull(valueSerializer, "valueSerializer");
  }

  /** Serializer of the decoded values. */
  public TypeSerializer<T> valueSerializer() {
    return valueSerializer;
  }

  @Override
  public boolean isImmutableType() {
    return false;
  }

  @Override
  public TypeSerializer<Decoded<T>> duplicate() {
    TypeSerializer<T> duplicate = valueSerializer.duplicate();
    return duplicate == valueSerializer ? this : new DecodedSerializer<>(duplicate);
  }

  /** No empty instance exists; Flink then allocates on {@link #deserialize(Decoded, DataInputView)}. */
  @Override
  public Decoded<T> createInstance() {
    return null;
  }

  @Override
  public Decoded<T> copy(Decoded<T> from) {
    // failures are immutable; values are mutable Avro records and need a deep copy
    return from.isOk() ? Decoded.ok(valueSerializer.copy(from.value()), from.origin()) : from;
  }

  @Override
  public Decoded<T> copy(Decoded<T> from, Decoded<T> reuse) {
    return copy(from);
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(Decoded<T> record, DataOutputView target) throws IOException {
    target.writeBoolean(record.isOk());
    RecordOrigin origin = record.origin();
    StringValue.writeString(origin.topic(), target);
    target.writeInt(origin.partition());
    target.writeLong(origin.offset());
    if (record.isOk()) {
      valueSerializer.serialize(record.value(), target);
    } else {
      StringValue.writeString(record.failureKind().name(), target);
      StringValue.writeString(record.error(), target);
      writeBytes(record.key(), target);
      writeBytes(record.raw(), target);
    }
  }

  @Override
  public Decoded<T> deserialize(DataInputView source) throws IOException {
    boolean ok = source.readBoolean();
    RecordOrigin origin = new RecordOrigin(StringValue.readString(source), source.readInt(), source.readLong());
    if (ok) {
      return Decoded.ok(valueSerializer.deserialize(source), origin);
    }
    DecodeException.Kind kind = DecodeException.Kind.valueOf(StringValue.readString(source));
    String error = StringValue.readString(source);
    byte[] key = readBytes(source);
    byte[] raw = readBytes(source);
    return Decoded.failed(kind, error, origin, key, raw);
  }

  @Override
  public Decoded<T> deserialize(Decoded<T> reuse, DataInputView source) throws IOException {
    return deserialize(source);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    serialize(deserialize(source), target);
  }

  @Override
  public TypeSerializerSnapshot<Decoded<T>> snapshotConfiguration() {
    return new DecodedSerializerSnapshot<>(this);
  }

  @Override
  public boolean equals(Object obj) {
    return obj instanceof DecodedSerializer<?> other && valueSerializer.equals(other.valueSerializer);
  }

  @Override
  public int hashCode() {
    return 31 * DecodedSerializer.class.hashCode() + valueSerializer.hashCode();
  }

  private static void writeBytes(byte[] bytes, DataOutputView target) throws IOException {
    if (bytes == null) {
      target.writeInt(-1);
    } else {
      target.writeInt(bytes.length);
      target.write(bytes);
    }
  }

  private static byte[] readBytes(DataInputView source) throws IOException {
    int length = source.readInt();
    if (length < 0) {
      return null;
    }
    byte[] bytes = new byte[length];
    source.readFully(bytes);
    return bytes;
  }
}
