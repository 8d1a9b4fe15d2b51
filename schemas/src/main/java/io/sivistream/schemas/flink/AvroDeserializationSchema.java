package io.sivistream.schemas.flink;

import io.sivistream.schemas.codec.AvroCodec;
import io.sivistream.schemas.codec.DecodeException;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;

/**
 * Flink {@link DeserializationSchema} for one record type in single-object encoding. Bytes that
 * do not decode, {@code null} included, throw a {@link DecodeException} (which fails the task);
 * use {@link DecodingDeserializationSchema} or {@link DecodingKafkaDeserializer} where bad input
 * must go to dead letters instead.
 *
 * @param <T> the generated record class
 */
public final class AvroDeserializationSchema<T extends SpecificRecordBase> implements DeserializationSchema<T> {

  private static final long serialVersionUID = 1L;

  private final Class<T> type;
  // codecs are not serializable; each task builds its own from the class
  private transient AvroCodec<T> codec;

  private AvroDeserializationSchema(Class<T> type) {
    this.type = Objects.requireNonNull(type, "type");
  }

  /** A schema for {@code type} accepting the default known writer schemas. */
  public static <T extends SpecificRecordBase> AvroDeserializationSchema<T> forType(Class<T> type) {
    return new AvroDeserializationSchema<>(type);
  }

  @Override
  public void open(InitializationContext context) {
    codec();
  }

  /** @throws DecodeException when {@code message} is not a readable payload of {@code T} */
  @Override
  public T deserialize(byte[] message) {
    return codec().decode(message);
  }

  @Override
  public boolean isEndOfStream(T nextElement) {
    return false;
  }

  @Override
  public TypeInformation<T> getProducedType() {
    return new AvroTypeInfo<>(type);
  }

  private AvroCodec<T> codec() {
    if (codec == null) {
      codec = AvroCodec.of(type);
    }
    return codec;
  }
}
