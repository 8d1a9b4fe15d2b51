package io.sivistream.schemas.flink;

import io.sivistream.schemas.codec.AvroCodec;
import io.sivistream.schemas.codec.Decoded;
import io.sivistream.schemas.codec.RecordOrigin;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * A {@link DeserializationSchema} that never throws on bad bytes: it emits a {@link Decoded}
 * holding either the value or the failure and the raw bytes. The origin is only the source name
 * given here (partition and offset {@code -1}); for a {@code KafkaSource} prefer
 * {@link DecodingKafkaDeserializer}, which records topic, partition, offset and key.
 *
 * @param <T> the generated record class
 */
public final class DecodingDeserializationSchema<T extends SpecificRecordBase>
    implements DeserializationSchema<Decoded<T>> {

  private static final long serialVersionUID = 1L;

  private final Class<T> type;
  private final String source;
  private transient AvroCodec<T> codec;

  private DecodingDeserializationSchema(Class<T> type, String source) {
    this.type = Objects.requireNonNull(type, "type");
    this.source = Objects.requireNonNull(source, "source");
  }

  /**
   * @param type the record class
   * @param source name recorded as the origin's topic of every record (e.g. the topic or file)
   */
  public static <T extends SpecificRecordBase> DecodingDeserializationSchema<T> forType(Class<T> type, String source) {
    return new DecodingDeserializationSchema<>(type, source);
  }

  @Override
  public void open(InitializationContext context) {
    codec();
  }

  /** Never null, never throws for bad bytes ({@code null} bytes become a MISSING failure). */
  @Override
  public Decoded<T> deserialize(byte[] message) {
    return codec().tryDecode(message, RecordOrigin.of(source), null);
  }

  @Override
  public boolean isEndOfStream(Decoded<T> nextElement) {
    return false;
  }

  @Override
  public TypeInformation<Decoded<T>> getProducedType() {
    return DecodedTypeInfo.forAvro(type);
  }

  private AvroCodec<T> codec() {
    if (codec == null) {
      codec = AvroCodec.of(type);
    }
    return codec;
  }
}
