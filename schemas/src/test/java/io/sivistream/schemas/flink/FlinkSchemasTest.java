package io.sivistream.schemas.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sivistream.schemas.Fixtures;
import io.sivistream.schemas.Observation;
import io.sivistream.schemas.PosteriorDraws;
import io.sivistream.schemas.PosteriorSummary;
import io.sivistream.schemas.codec.DecodeException;
import io.sivistream.schemas.codec.Decoded;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.util.Collector;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

class FlinkSchemasTest {

  static <T> T roundTrip(TypeSerializer<T> serializer, T value) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(256);
    serializer.serialize(value, out);
    DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
    T back = serializer.deserialize(in);
    assertThat(in.available()).isZero();
    return back;
  }

  @Test
  void serializationThenDeserializationSchemaRoundTrip() throws Exception {
    // Flink ships schemas to tasks by Java serialization: test the shipped copies
    AvroSerializationSchema<Observation> out = InstantiationUtil.clone(AvroSerializationSchema.forType(Observation.class));
    AvroDeserializationSchema<Observation> in =
        InstantiationUtil.clone(AvroDeserializationSchema.forType(Observation.class));
    out.open(null);
    in.open(null);

    Observation back = in.deserialize(out.serialize(Fixtures.observation()));

    assertThat(back).isEqualTo(Fixtures.observation());
    assertThat(in.isEndOfStream(back)).isFalse();
  }

  @Test
  void throwingSchemaThrowsDecodeExceptionOnBadBytes() {
    AvroDeserializationSchema<Observation> in = AvroDeserializationSchema.forType(Observation.class);

    assertThatThrownBy(() -> in.deserialize(new byte[] {1, 2, 3}))
        .isInstanceOfSatisfying(DecodeException.class,
            e -> assertThat(e.kind()).isEqualTo(DecodeException.Kind.BAD_MARKER));
  }

  @Test
  void producedTypeIsAvroNotKryo() {
    TypeInformation<Observation> type = AvroDeserializationSchema.forType(Observation.class).getProducedType();

    assertThat(type).isInstanceOf(AvroTypeInfo.class);
    assertThat(type.createSerializer(new SerializerConfigImpl()).getClass().getName())
        .isEqualTo("org.apache.flink.formats.avro.typeutils.AvroSerializer");
  }

  @Test
  void avroTypeInfoSerializerRoundTripsRecordsWithInstantsEnumsAndNestedArrays() throws IOException {
    for (SpecificRecordBase record : List.<SpecificRecordBase>of(Fixtures.observation(), Fixtures.posteriorSummary(),
        Fixtures.posteriorDraws())) {
      @SuppressWarnings({"unchecked", "rawtypes"})
      TypeSerializer<SpecificRecordBase> serializer =
          new AvroTypeInfo(record.getClass()).createSerializer(new SerializerConfigImpl());

      assertThat(roundTrip(serializer, record)).isEqualTo(record);
      assertThat(serializer.copy(record)).isEqualTo(record).isNotSameAs(record);
    }
  }

  @Test
  void decodingSchemaTurnsBadBytesIntoFailures() throws Exception {
    DecodingDeserializationSchema<PosteriorSummary> in =
        InstantiationUtil.clone(DecodingDeserializationSchema.forType(PosteriorSummary.class, "replay.csv"));
    byte[] good = AvroSerializationSchema.forType(PosteriorSummary.class).serialize(Fixtures.posteriorSummary());

    Decoded<PosteriorSummary> ok = in.deserialize(good);
    Decoded<PosteriorSummary> bad = in.deserialize(new byte[] {(byte) 0xC3, 0x01, 9, 9});
    Decoded<PosteriorSummary> tombstone = in.deserialize(null);

    assertThat(ok.value()).isEqualTo(Fixtures.posteriorSummary());
    assertThat(ok.origin().topic()).isEqualTo("replay.csv");
    assertThat(bad.failureKind()).isEqualTo(DecodeException.Kind.TRUNCATED);
    assertThat(bad.raw()).containsExactly(0xC3, 0x01, 9, 9);
    assertThat(tombstone.failureKind()).isEqualTo(DecodeException.Kind.MISSING);
    assertThat(in.getProducedType()).isEqualTo(DecodedTypeInfo.forAvro(PosteriorSummary.class));
  }

  @Test
  void decodedSerializerRoundTripsValuesAndFailures() throws IOException {
    TypeSerializer<Decoded<PosteriorDraws>> serializer =
        DecodedTypeInfo.forAvro(PosteriorDraws.class).createSerializer(new SerializerConfigImpl());
    Decoded<PosteriorDraws> ok = Decoded.ok(Fixtures.posteriorDraws(),
        new io.sivistream.schemas.codec.RecordOrigin("posterior-draws", 1, 7));
    Decoded<PosteriorDraws> failed = Decoded.failed(DecodeException.Kind.BAD_MARKER, "not single-object",
        new io.sivistream.schemas.codec.RecordOrigin("posterior-draws", 0, 8), null, new byte[] {5, 6});

    assertThat(roundTrip(serializer, ok)).isEqualTo(ok);
    assertThat(roundTrip(serializer, failed)).isEqualTo(failed);
    assertThat(serializer.copy(ok)).isEqualTo(ok);
    assertThat(serializer.copy(ok).value()).isNotSameAs(ok.value());
    assertThat(serializer.duplicate()).isEqualTo(serializer);
  }

  @Test
  void decodedSerializerSnapshotRestoresAnEqualCompatibleSerializer() throws IOException {
    TypeSerializer<Decoded<Observation>> serializer =
        DecodedTypeInfo.forAvro(Observation.class).createSerializer(new SerializerConfigImpl());
    DataOutputSerializer out = new DataOutputSerializer(512);
    org.apache.flink.api.common.typeutils.TypeSerializerSnapshot.writeVersionedSnapshot(out,
        serializer.snapshotConfiguration());

    org.apache.flink.api.common.typeutils.TypeSerializerSnapshot<Decoded<Observation>> restored =
        org.apache.flink.api.common.typeutils.TypeSerializerSnapshot.readVersionedSnapshot(
            new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());

    assertThat(restored).isInstanceOf(DecodedSerializerSnapshot.class);
    assertThat(restored.restoreSerializer()).isEqualTo(serializer);
    assertThat(serializer.snapshotConfiguration().resolveSchemaCompatibility(restored).isCompatibleAsIs()).isTrue();
  }

  static final class ListCollector<T> implements Collector<T> {
    final List<T> items = new ArrayList<>();

    @Override
    public void collect(T record) {
      items.add(record);
    }

    @Override
    public void close() {}
  }
}
