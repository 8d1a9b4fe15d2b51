package io.sivistream.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sivistream.schemas.Fixtures;
import io.sivistream.schemas.Observation;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.stream.Stream;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AvroCodecRoundTripTest {

  static Stream<SpecificRecordBase> records() {
    return Fixtures.all().stream();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static AvroCodec<SpecificRecordBase> codecFor(SpecificRecordBase record) {
    return AvroCodec.of((Class) record.getClass());
  }

  @ParameterizedTest
  @MethodSource("records")
  void everyRecordSurvivesEncodeDecode(SpecificRecordBase record) {
    AvroCodec<SpecificRecordBase> codec = codecFor(record);

    byte[] bytes = codec.encode(record);
    SpecificRecordBase back = codec.decode(bytes);

    assertThat(back).isEqualTo(record).isNotSameAs(record);
    assertThat(codec.encode(back)).isEqualTo(bytes);
  }

  @ParameterizedTest
  @MethodSource("records")
  void headerIsMarkerThenLittleEndianFingerprint(SpecificRecordBase record) {
    AvroCodec<SpecificRecordBase> codec = codecFor(record);

    byte[] bytes = codec.encode(record);

    assertThat(bytes[0]).isEqualTo((byte) 0xC3);
    assertThat(bytes[1]).isEqualTo((byte) 0x01);
    long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    assertThat(fingerprint).isEqualTo(KnownSchemas.fingerprint(record.getSchema())).isEqualTo(codec.fingerprint());
  }

  @Test
  void bytesAreReadableByAvrosOwnGeneratedDecoder() throws java.io.IOException {
    Observation observation = Fixtures.observation();
    byte[] bytes = AvroCodec.of(Observation.class).encode(observation);

    BinaryMessageDecoder<Observation> avro = Observation.createDecoder(KnownSchemas.defaults());

    assertThat(avro.decode(ByteBuffer.wrap(bytes), null)).isEqualTo(observation);
  }

  @Test
  void timestampsAreMillisecondsOnTheWire() {
    Observation observation = Fixtures.observation();
    observation.setEventTime(Instant.ofEpochMilli(1_000L).plusNanos(999_999));

    Observation back = AvroCodec.of(Observation.class).decode(AvroCodec.of(Observation.class).encode(observation));

    assertThat(back.getEventTime()).isEqualTo(Instant.ofEpochMilli(1_000L));
  }

  @Test
  void nullOptionalsStayNull() {
    AvroCodec<Observation> codec = AvroCodec.of(Observation.class);

    Observation back = codec.decode(codec.encode(Fixtures.observationWithoutOptionals()));

    assertThat(back.getWeight()).isNull();
    assertThat(back.getId()).isNull();
  }

  @Test
  void encodingARecordWithAMissingRequiredFieldNamesTheField() {
    Observation broken = Fixtures.observation();
    broken.setModelId(null);

    assertThatThrownBy(() -> AvroCodec.of(Observation.class).encode(broken))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot encode Observation")
        .hasMessageContaining("modelId");
  }
}
