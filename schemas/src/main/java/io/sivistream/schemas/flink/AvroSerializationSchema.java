package io.sivistream.schemas.flink;

import io.sivistream.schemas.codec.AvroCodec;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.serialization.SerializationSchema;

/**
 * Flink {@link SerializationSchema} writing one record type in single-object encoding, e.g. as
 * the value schema of a {@code KafkaRecordSerializationSchema}.
 *
 * @param <T> the generated record class
 */
public final class AvroSerializationSchema<T extends SpecificRecord> implements SerializationSchema<T> {

  private static final long serialVersionUID = 1L;

  private final Class<T> type;
  private transient AvroCodec<T> codec;

  private AvroSerializationSchema(Class<T> type) {
    this.type = Objects.requireNonNull(type, "type");
  }

  /** A schema writing {@code type} with its current schema. */
  public static <T extends SpecificRecord> AvroSerializationSchema<T> forType(Class<T> type) {
    return new AvroSerializationSchema<>(type);
  }

  @Override
  public void open(InitializationContext context) {
    codec();
  }

  /** @throws IllegalArgumentException when the record does not fit its schema */
  @Override
  public byte[] serialize(T element) {
    return codec().encode(element);
  }

  private AvroCodec<T> codec() {
    if (codec == null) {
      codec = AvroCodec.of(type);
    }
    return codec;
  }
}
