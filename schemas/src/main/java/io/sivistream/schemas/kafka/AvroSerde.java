package io.sivistream.schemas.kafka;

import io.sivistream.schemas.codec.AvroCodec;
import io.sivistream.schemas.codec.DecodeException;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka {@link Serde}, {@link Serializer} and {@link Deserializer} in one, for one record type,
 * backed by an {@link AvroCodec}. {@code null} maps to {@code null} both ways (tombstones). Bytes
 * that do not decode raise a {@link SerializationException} whose cause is the
 * {@link DecodeException}, which is what Kafka Streams' deserialization exception handlers expect.
 * Thread-safe; needs no configuration.
 *
 * <pre>{@code
 * KStream<String, Observation> rows =
 *     builder.stream(Topics.OBSERVATIONS, Consumed.with(Serdes.String(), AvroSerdes.observation()));
 * }</pre>
 *
 * @param <T> the generated record class
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T>, Serializer<T>, Deserializer<T> {

  private final AvroCodec<T> codec;

  /** A serde over {@code codec}. */
  public AvroSerde(AvroCodec<T> codec) {
    this.codec = Objects.requireNonNull(codec, "codec");
  }

  /** A serde for {@code type} that accepts the default known schemas. */
  public static <T extends SpecificRecord> AvroSerde<T> forType(Class<T> type) {
    return new AvroSerde<>(AvroCodec.of(type));
  }

  /** The codec behind this serde. */
  public AvroCodec<T> codec() {
    return codec;
  }

  @Override
  public byte[] serialize(String topic, T data) {
    if (data == null) {
      return null;
    }
    try {
      return codec.encode(data);
    } catch (RuntimeException e) {
      throw new SerializationException("cannot serialize " + codec.type().getSimpleName() + " for topic '"
          + topic + "': " + e.getMessage(), e);
    }
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    try {
      return codec.decode(data);
    } catch (DecodeException e) {
      throw new SerializationException("cannot deserialize " + codec.type().getSimpleName() + " from topic '"
          + topic + "': " + e.getMessage(), e);
    }
  }

  @Override
  public Serializer<T> serializer() {
    return this;
  }

  @Override
  public Deserializer<T> deserializer() {
    return this;
  }

  /** Nothing to configure: the codec is complete. */
  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    // the codec needs no settings; the method exists on all three interfaces
  }

  @Override
  public void close() {
    // no resources
  }
}
