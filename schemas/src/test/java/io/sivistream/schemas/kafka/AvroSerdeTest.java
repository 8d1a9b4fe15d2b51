package io.sivistream.schemas.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sivistream.schemas.Fixtures;
import io.sivistream.schemas.ModelSpec;
import io.sivistream.schemas.Observation;
import io.sivistream.schemas.Topics;
import io.sivistream.schemas.codec.DecodeException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AvroSerdeTest {

  static Stream<SpecificRecordBase> records() {
    return Fixtures.all().stream();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  @ParameterizedTest
  @MethodSource("records")
  void everyRecordSurvivesTheKafkaSerde(SpecificRecordBase record) {
    Serde<SpecificRecordBase> serde = AvroSerde.forType((Class) record.getClass());
    serde.configure(Map.of(), false);

    byte[] bytes = serde.serializer().serialize("t", record);
    SpecificRecordBase back = serde.deserializer().deserialize("t", bytes);

    assertThat(back).isEqualTo(record);
    assertThat(serde.deserializer().deserialize("t", new RecordHeaders(), bytes)).isEqualTo(record);
    serde.close();
  }

  @Test
  void factoriesCoverEveryRecordType() {
    List<AvroSerde<?>> serdes = List.of(AvroSerdes.observation(), AvroSerdes.modelSpec(),
        AvroSerdes.posteriorSummary(), AvroSerdes.posteriorDraws(), AvroSerdes.predictionRequest(),
        AvroSerdes.prediction(), AvroSerdes.deadLetter());

    assertThat(serdes).extracting(s -> s.codec().schema())
        .containsExactlyElementsOf(io.sivistream.schemas.codec.KnownSchemas.CURRENT);
  }

  @Test
  void typedFactoryRoundTrip() {
    AvroSerde<ModelSpec> serde = AvroSerdes.modelSpec();

    ModelSpec back = serde.deserialize(Topics.MODELS, serde.serialize(Topics.MODELS, Fixtures.modelSpec()));

    assertThat(back.getSpecYaml()).isEqualTo(Fixtures.modelSpec().getSpecYaml());
    assertThat(back.getDeleted()).isFalse();
  }

  @Test
  void tombstonesMapToNullBothWays() {
    AvroSerde<Observation> serde = AvroSerdes.observation();

    assertThat(serde.serialize("t", null)).isNull();
    assertThat(serde.deserialize("t", null)).isNull();
  }

  @Test
  void badBytesRaiseSerializationExceptionCausedByDecodeException() {
    AvroSerde<Observation> serde = AvroSerdes.observation();

    assertThatThrownBy(() -> serde.deserialize(Topics.OBSERVATIONS, new byte[] {0x00, 0x01, 2, 3, 4, 5, 6, 7, 8, 9}))
        .isInstanceOf(SerializationException.class)
        .hasMessageStartingWith("cannot deserialize Observation from topic 'observations': not an Avro single-object")
        .cause().isInstanceOfSatisfying(DecodeException.class,
            e -> assertThat(e.kind()).isEqualTo(DecodeException.Kind.BAD_MARKER));
  }

  @Test
  void invalidRecordRaisesSerializationException() {
    Observation broken = Fixtures.observation();
    broken.setFeatures(null);

    assertThatThrownBy(() -> AvroSerdes.observation().serialize("observations", broken))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("cannot serialize Observation for topic 'observations'")
        .hasMessageContaining("features");
  }
}
