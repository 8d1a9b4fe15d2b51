package io.sivistream.schemas.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.sivistream.schemas.DeadLetter;
import io.sivistream.schemas.Fixtures;
import io.sivistream.schemas.Observation;
import io.sivistream.schemas.Topics;
import io.sivistream.schemas.codec.DecodeException;
import io.sivistream.schemas.codec.Decoded;
import io.sivistream.schemas.codec.RecordOrigin;
import io.sivistream.schemas.kafka.AvroSerdes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.flink.util.InstantiationUtil;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class DecodingKafkaDeserializerTest {

  private static final byte[] KEY = "waveform".getBytes(StandardCharsets.UTF_8);

  private static Decoded<Observation> deserialize(ConsumerRecord<byte[], byte[]> record) throws Exception {
    DecodingKafkaDeserializer<Observation> deserializer =
        InstantiationUtil.clone(DecodingKafkaDeserializer.forType(Observation.class));
    deserializer.open(null);
    FlinkSchemasTest.ListCollector<Decoded<Observation>> out = new FlinkSchemasTest.ListCollector<>();
    deserializer.deserialize(record, out);
    assertThat(out.items).hasSize(1);
    return out.items.get(0);
  }

  @Test
  void goodRecordCarriesValueAndOrigin() throws Exception {
    byte[] value = AvroSerdes.observation().serialize(Topics.OBSERVATIONS, Fixtures.observation());

    Decoded<Observation> decoded = deserialize(new ConsumerRecord<>(Topics.OBSERVATIONS, 4, 1234L, KEY, value));

    assertThat(decoded.isOk()).isTrue();
    assertThat(decoded.value()).isEqualTo(Fixtures.observation());
    assertThat(decoded.origin()).isEqualTo(new RecordOrigin(Topics.OBSERVATIONS, 4, 1234L));
  }

  @Test
  void badRecordBecomesADeadLetterWithTopicPartitionOffsetKeyAndBytes() throws Exception {
    byte[] value = {(byte) 0xC3, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 0};

    Decoded<Observation> decoded = deserialize(new ConsumerRecord<>(Topics.OBSERVATIONS, 2, 77L, KEY, value));
    DeadLetter letter = decoded.toDeadLetter(Fixtures.T0);

    assertThat(decoded.failureKind()).isEqualTo(DecodeException.Kind.UNKNOWN_FINGERPRINT);
    assertThat(letter.getSourceTopic()).isEqualTo(Topics.OBSERVATIONS);
    assertThat(letter.getPartition()).isEqualTo(2);
    assertThat(letter.getOffset()).isEqualTo(77L);
    assertThat(letter.getKey()).isEqualTo(ByteBuffer.wrap(KEY));
    assertThat(letter.getValue()).isEqualTo(ByteBuffer.wrap(value));
    assertThat(letter.getReason()).contains("unknown schema fingerprint 0x0807060504030201");
    assertThat(letter.getFailedAt()).isEqualTo(Fixtures.T0);
    // and the dead letter itself goes out through its own serde
    assertThat(AvroSerdes.deadLetter().deserialize(Topics.DEAD_LETTERS,
        AvroSerdes.deadLetter().serialize(Topics.DEAD_LETTERS, letter))).isEqualTo(letter);
  }

  @Test
  void tombstoneIsAMissingFailureNotAnException() throws Exception {
    Decoded<Observation> decoded = deserialize(new ConsumerRecord<>(Topics.MODELS, 0, 5L, KEY, null));

    assertThat(decoded.failureKind()).isEqualTo(DecodeException.Kind.MISSING);
    assertThat(decoded.toDeadLetter(Instant.EPOCH).getValue()).isNull();
  }

  @Test
  void producedTypeIsDecodedOverAvro() {
    assertThat(DecodingKafkaDeserializer.forType(Observation.class).getProducedType())
        .isEqualTo(DecodedTypeInfo.forAvro(Observation.class))
        .hasToString("Decoded<" + DecodedTypeInfo.forAvro(Observation.class).valueType() + ">");
  }
}
