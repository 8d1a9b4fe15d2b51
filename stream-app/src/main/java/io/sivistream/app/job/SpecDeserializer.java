package io.sivistream.app.job;

import io.sivistream.schemas.DeadLetterCause;
import io.sivistream.schemas.codec.DecodeException;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decodes model definitions inside the Kafka source. A null value (tombstone on the compacted
 * topic) deletes the model named by the UTF-8 key. Never throws: bad records become dead letters.
 */
final class SpecDeserializer implements KafkaRecordDeserializationSchema<SpecInput> {

  private static final long serialVersionUID = 1L;
  private final ModelSpecDecoder decoder;

  SpecDeserializer(ModelSpecDecoder decoder) {
    this.decoder = decoder;
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<SpecInput> out) {
    RecordOrigin origin = new RecordOrigin(record.topic(), record.partition(), record.offset());
    try {
      if (record.value() == null) {
        if (record.key() == null) {
          throw new InvalidRecordException("tombstone without a key");
        }
        out.collect(new SpecInput(
            SpecUpdate.deletion(new String(record.key(), StandardCharsets.UTF_8)), null));
        return;
      }
      ModelSpecLike spec = decoder.decode(record.key(), record.value());
      if (spec == null || spec.modelId() == null || spec.modelId().isBlank()) {
        throw new InvalidRecordException("model spec has no model id");
      }
      if (spec.deleted()) {
        out.collect(new SpecInput(SpecUpdate.deletion(spec.modelId()), null));
        return;
      }
      if (spec.windowPolicy() == null) {
        throw new InvalidRecordException(
            "model spec '" + spec.modelId() + "' has no window policy");
      }
      out.collect(new SpecInput(SpecUpdate.of(spec), null));
    } catch (InvalidRecordException e) {
      out.collect(new SpecInput(null,
          new DeadLetter(e.getMessage(), origin, record.key(), record.value(),
              e.getCause() instanceof DecodeException ? DeadLetterCause.UNDECODABLE
                  : DeadLetterCause.INVALID_SPEC)));
    } catch (RuntimeException e) {
      out.collect(new SpecInput(null,
          new DeadLetter("undecodable model spec: " + e, origin, record.key(), record.value(),
              DeadLetterCause.UNDECODABLE)));
    }
  }

  @Override
  public TypeInformation<SpecInput> getProducedType() {
    return TypeInformation.of(SpecInput.class);
  }
}
