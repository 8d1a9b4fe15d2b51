package io.sivistream.schemas.flink;

import io.sivistream.schemas.codec.AvroCodec;
import io.sivistream.schemas.codec.Decoded;
import io.sivistream.schemas.codec.RecordOrigin;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The {@code KafkaSource} deserializer of the job: emits exactly one {@link Decoded} per Kafka
 * record, never throws for bad bytes, and records topic, partition and offset for every record
 * and the key and value bytes for failures, which is everything a
 * {@link io.sivistream.schemas.DeadLetter} needs. Tombstones (null values) become MISSING failures.
 *
 * <pre>{@code
 * KafkaSource<Decoded<Observation>> source = KafkaSource.<Decoded<Observation>>builder()
 *     .setTopics(Topics.OBSERVATIONS)
 *     .setDeserializer(DecodingKafkaDeserializer.forType(Observation.class))
 *     ...
 * }</pre>
 *
 * @param <T> the generated record class
 */
public final class DecodingKafkaDeserializer<T extends SpecificRecordBase>
    implements KafkaRecordDeserializationSchema<Decoded<T>> {

  private static final long serialVersionUID = 1L;

  private final Class<T> type;
  private transient AvroCodec<T> codec;

  private DecodingKafkaDeserializer(Class<T> type) {
    this.type = Objects.requireNonNull(type, "type");
  }

  /** A deserializer for {@code type} accepting the default known writer schemas. */
  public static <T extends SpecificRecordBase> DecodingKafkaDeserializer<T> forType(Class<T> type) {
    return new DecodingKafkaDeserializer<>(type);
  }

  @Override
  public void open(DeserializationSchema.InitializationContext context) {
    codec();
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Decoded<T>> out) {
    RecordOrigin origin = new RecordOrigin(record.topic(), record.partition(), record.offset());
    out.collect(codec().tryDecode(record.value(), origin, record.key()));
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
