package io.sivistream.schemas.flink;

import io.sivistream.schemas.codec.Decoded;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;

/**
 * Flink type information for {@link Decoded}: a {@link DecodedSerializer} around the value type's
 * own serializer, so that decoded values travel as Avro and failures as plain strings and bytes,
 * with no Kryo fallback.
 *
 * @param <T> the value type
 */
public final class DecodedTypeInfo<T> extends TypeInformation<Decoded<T>> {

  private static final long serialVersionUID = 1L;

  private final TypeInformation<T> valueType;

  /** @param valueType type information of the decoded values */
  public DecodedTypeInfo(TypeInformation<T> valueType) {
    this.valueType = Objects.requireNonNull(valueType, "valueType");
  }

  /** Type information for {@code Decoded<T>} with Avro ({@link AvroTypeInfo}) for the values. */
  public static <T extends SpecificRecordBase> DecodedTypeInfo<T> forAvro(Class<T> type) {
    return new DecodedTypeInfo<>(new AvroTypeInfo<>(type));
  }

  /** Type information of the values. */
  public TypeInformation<T> valueType() {
    return valueType;
  }

  @Override
  public boolean isBasicType() {
    return false;
  }

  @Override
  public boolean isTupleType() {
    return false;
  }

  @Override
  public int getArity() {
    return 1;
  }

  @Override
  public int getTotalFields() {
    return 1;
  }

  @SuppressWarnings("unchecked")
  @Override
  public Class<Decoded<T>> getTypeClass() {
    return (Class<Decoded<T>>) (Class<?>) Decoded.class;
  }

  @Override
  public boolean isKeyType() {
    return false;
  }

  @Override
  public TypeSerializer<Decoded<T>> createSerializer(SerializerConfig config) {
    return new DecodedSerializer<>(valueType.createSerializer(config));
  }

  @Override
  public String toString() {
    return "Decoded<" + valueType + ">";
  }

  @Override
  public boolean equals(Object obj) {
    return obj instanceof DecodedTypeInfo<?> other && other.canEqual(this) && valueType.equals(other.valueType);
  }

  @Override
  public int hashCode() {
    return 31 * Decoded.class.hashCode() + valueType.hashCode();
  }

  @Override
  public boolean canEqual(Object obj) {
    return obj instanceof DecodedTypeInfo;
  }
}
