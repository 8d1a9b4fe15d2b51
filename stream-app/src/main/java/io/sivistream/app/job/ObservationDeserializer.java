package io.sivistream.app.job;

import io.sivistream.schemas.DeadLetterCause;
import io.sivistream.schemas.codec.DecodeException;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decodes observation records inside the Kafka source and checks them (model id present, finite
 * numbers). Never throws: a bad record becomes a dead letter, so it cannot stop the job.
 */
final class ObservationDeserializer implements KafkaRecordDeserializationSchema<ObservationInput> {

  private static final long serialVersionUID = 1L;
  /**
   * Largest observation value accepted, in bytes. Kafka's default message limit is 1 MB
   * (message.max.bytes); a broker configured higher must not let one record fill a window's
   * buffer: 1 MiB is a row of about 130,000 features in Avro, 13 times the most a streamed model
   * takes (ModelDefinition.MAX_STREAMED_PARAMETERS).
   */
  static final int MAX_VALUE_BYTES = 1 << 20;
  private final ObservationDecoder decoder;

  ObservationDeserializer(ObservationDecoder decoder) {
    this.decoder = decoder;
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<ObservationInput> out) {
    RecordOrigin origin = new RecordOrigin(record.topic(), record.partition(), record.offset());
    if (record.value() != null && record.value().length > MAX_VALUE_BYTES) {
      // kept whole in the dead letter (nothing lost), never decoded
      out.collect(new ObservationInput(null, new DeadLetter("observation of " + record.value().length
          + " bytes exceeds the limit of " + MAX_VALUE_BYTES + " bytes per record", origin, record.key(),
          record.value(), DeadLetterCause.REJECTED_ROW)));
      return;
    }
    try {
      ObservationLike o = decoder.decode(record.key(), record.value());
      if (o == null) {
        throw new InvalidRecordException("decoder returned no observation");
      }
      out.collect(new ObservationInput(validate(o, origin), null));
    } catch (InvalidRecordException e) {
      out.collect(new ObservationInput(null,
          new DeadLetter(e.getMessage(), origin, record.key(), record.value(),
              e.getCause() instanceof DecodeException ? DeadLetterCause.UNDECODABLE
                  : DeadLetterCause.REJECTED_ROW)));
    } catch (RuntimeException e) {
      out.collect(new ObservationInput(null, new DeadLetter("undecodable observation: " + e,
          origin, record.key(), record.value(), DeadLetterCause.UNDECODABLE)));
    }
  }

  static ObservationRow validate(ObservationLike o, RecordOrigin origin)
      throws InvalidRecordException {
    String model = o.modelId();
    if (model == null || model.isBlank()) {
      throw new InvalidRecordException("observation has no model id");
    }
    double[] x = o.features();
    if (x == null) {
      throw new InvalidRecordException("observation of model '" + model + "' has no features");
    }
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i])) {
        throw new InvalidRecordException("non-finite feature " + i + " = " + x[i]
            + " in observation of model '" + model + "'");
      }
    }
    if (!Double.isFinite(o.label())) {
      throw new InvalidRecordException(
          "non-finite label " + o.label() + " in observation of model '" + model + "'");
    }
    return new ObservationRow(model, o.eventTimeMillis(), x.clone(), o.label(), origin);
  }

  @Override
  public TypeInformation<ObservationInput> getProducedType() {
    return TypeInformation.of(ObservationInput.class);
  }
}
