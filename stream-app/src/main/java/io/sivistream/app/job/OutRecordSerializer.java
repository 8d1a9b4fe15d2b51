package io.sivistream.app.job;

import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes an {@link OutRecord} to its topic, with the posterior version and late-row count as
 * headers so that consumers can check versions without decoding the value.
 */
final class OutRecordSerializer implements KafkaRecordSerializationSchema<OutRecord> {

  /** Header with the posterior version (window index) as a decimal string. */
  static final String VERSION_HEADER = "sivistream.version";
  /** Header with the window's late-row count as a decimal string. */
  static final String LATE_ROWS_HEADER = "sivistream.late-rows";
  private static final long serialVersionUID = 1L;

  @Override
  public ProducerRecord<byte[], byte[]> serialize(OutRecord r, KafkaSinkContext context,
      Long timestamp) {
    // Null timestamp: the producer stamps publish time. The element's timestamp is event time,
    // which may be years old on a replay (or Long.MIN_VALUE for dead letters); as the Kafka
    // timestamp it would make time-based retention delete fresh output at once.
    ProducerRecord<byte[], byte[]> p =
        new ProducerRecord<>(r.topic(), null, null, r.key(), r.value());
    if (r.version() >= 0) {
      p.headers().add(VERSION_HEADER, bytes(r.version()));
    }
    if (r.lateRows() >= 0) {
      p.headers().add(LATE_ROWS_HEADER, bytes(r.lateRows()));
    }
    return p;
  }

  private static byte[] bytes(long v) {
    return Long.toString(v).getBytes(StandardCharsets.UTF_8);
  }
}
