package io.sivistream.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.sivistream.schemas.Fixtures;
import io.sivistream.schemas.Observation;
import io.sivistream.schemas.PosteriorSummary;
import io.sivistream.schemas.UpdateStatus;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

/** Old payloads stay readable, new optional fields fall back to their defaults. */
class SchemaEvolutionTest {

  private static final ClassLoader LOADER = SchemaEvolutionTest.class.getClassLoader();

  static Schema testSchema(String file) {
    try (var in = LOADER.getResourceAsStream("evolution/" + file)) {
      return new Schema.Parser().parse(in);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  static byte[] encodeGeneric(Schema writer, GenericRecord record) throws IOException {
    ByteBuffer buffer = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), writer).encode(record);
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }

  static GenericRecord oldObservation(Schema v0) {
    return new GenericRecordBuilder(v0)
        .set("modelId", "waveform")
        .set("eventTime", Fixtures.T0.toEpochMilli())
        .set("features", List.of(1.0, 2.0))
        .set("label", 1.0)
        .build();
  }

  @Test
  void observationWrittenBeforeWeightAndIdExistedDecodesWithNullDefaults() throws IOException {
    Schema v0 = testSchema("Observation-v0.avsc");
    KnownSchemas known = KnownSchemas.builder().addCurrent().add(v0).build();

    Observation back = new AvroCodec<>(Observation.class, known).decode(encodeGeneric(v0, oldObservation(v0)));

    assertThat(back.getModelId()).isEqualTo("waveform");
    assertThat(back.getEventTime()).isEqualTo(Fixtures.T0);
    assertThat(back.getFeatures()).containsExactly(1.0, 2.0);
    assertThat(back.getLabel()).isEqualTo(1.0);
    assertThat(back.getWeight()).isNull();
    assertThat(back.getId()).isNull();
  }

  @Test
  void oldObservationIsUnknownUntilItsSchemaIsRegistered() throws IOException {
    Schema v0 = testSchema("Observation-v0.avsc");
    byte[] bytes = encodeGeneric(v0, oldObservation(v0));

    DecodeException error = org.junit.jupiter.api.Assertions.assertThrows(DecodeException.class,
        () -> AvroCodec.of(Observation.class).decode(bytes));

    assertThat(error.kind()).isEqualTo(DecodeException.Kind.UNKNOWN_FINGERPRINT);
    assertThat(error.getMessage()).contains(KnownSchemas.hex(KnownSchemas.fingerprint(v0)));
  }

  @Test
  void historyIndexRegistersOldVersions() throws IOException {
    KnownSchemas known = KnownSchemas.builder().addCurrent().addIndexed("evolution/index.txt", LOADER).build();
    Schema v0 = testSchema("Observation-v0.avsc");

    assertThat(known.findByFingerprint(KnownSchemas.fingerprint(v0))).isEqualTo(v0);
    assertThat(known.versionsOf(Observation.getClassSchema().getFullName()))
        .containsExactly(Observation.getClassSchema(), v0);
    assertThat(new AvroCodec<>(Observation.class, known).decode(encodeGeneric(v0, oldObservation(v0))).getWeight())
        .isNull();
  }

  @Test
  void summaryWrittenBeforeLateRowsExistedGetsZero() throws IOException {
    Schema v0 = testSchema("PosteriorSummary-v0.avsc");
    KnownSchemas known = KnownSchemas.builder().addCurrent().add(v0).build();
    PosteriorSummary current = Fixtures.posteriorSummary();
    // the current datum minus lateRows, written with the old schema
    GenericRecord old = toGeneric(AvroCodec.of(PosteriorSummary.class).encode(current), v0);

    PosteriorSummary back = new AvroCodec<>(PosteriorSummary.class, known).decode(encodeGeneric(v0, old));

    assertThat(back.getDiagnostics().getLateRows()).isZero();
    assertThat(back.getDiagnostics().getStatus()).isEqualTo(UpdateStatus.RECOVERED);
    assertThat(back.getMean()).isEqualTo(current.getMean());
  }

  @Test
  void summaryOfTheShippedV2GetsNoFailedWindowsAndOldReadersSeeDegradedAsOk() throws IOException {
    Schema v2 = historySchema("PosteriorSummary-v2.avsc");
    PosteriorSummary current = Fixtures.posteriorSummary();
    GenericRecord old = toGeneric(AvroCodec.of(PosteriorSummary.class).encode(current), v2);
    PosteriorSummary back = AvroCodec.of(PosteriorSummary.class).decode(encodeGeneric(v2, old));
    assertThat(back.getDiagnostics().getFailedWindows()).isZero();
    assertThat(back.getDiagnostics().getLastFailure()).isEmpty();
    assertThat(back.getEngineVersion()).isEqualTo(current.getEngineVersion());
  }

  @Test
  void summaryOfTheShippedV3SaysEveryRowWasUsed() throws IOException {
    Schema v3 = historySchema("PosteriorSummary-v3.avsc");
    PosteriorSummary current = Fixtures.posteriorSummary();
    current.getDiagnostics().setSampledRows(123L);
    GenericRecord old = toGeneric(AvroCodec.of(PosteriorSummary.class).encode(current), v3);
    PosteriorSummary back = AvroCodec.of(PosteriorSummary.class).decode(encodeGeneric(v3, old));
    assertThat(back.getDiagnostics().getSampledRows()).isZero();
    assertThat(back.getEpoch()).isEqualTo(current.getEpoch());
    assertThat(back.getMean()).isEqualTo(current.getMean());
  }

  @Test
  void summaryOfTheShippedV4SaysNothingOfItsNextPrior() throws IOException {
    Schema v4 = historySchema("PosteriorSummary-v4.avsc");
    PosteriorSummary current = Fixtures.posteriorSummary();
    current.getDiagnostics().setPriorKind("laplace");
    current.getDiagnostics().setModeGap(0.1);
    GenericRecord old = toGeneric(AvroCodec.of(PosteriorSummary.class).encode(current), v4);
    PosteriorSummary back = AvroCodec.of(PosteriorSummary.class).decode(encodeGeneric(v4, old));
    assertThat(back.getDiagnostics().getPriorKind()).isEmpty();
    assertThat(back.getDiagnostics().getModeGap()).isNull();
    assertThat(back.getDiagnostics().getSampledRows()).isEqualTo(current.getDiagnostics().getSampledRows());
  }

  /**
   * The status enum has a default from this version on, so a reader of it takes a symbol added
   * later as OK instead of failing. (Readers of v2 and before have no default: they cannot read
   * a DEGRADED summary, which is why deploy/README.md upgrades the serving app before the job.)
   */
  @Test
  void aStatusSymbolAddedLaterIsReadAsOk() throws IOException {
    Schema later = new Schema.Parser().parse(PosteriorSummary.getClassSchema().toString()
        .replace("\"DEGRADED\"]", "\"DEGRADED\",\"PAUSED\"]"));
    assertThat(later.toString()).contains("PAUSED");
    GenericRecord record = toGeneric(AvroCodec.of(PosteriorSummary.class)
        .encode(Fixtures.posteriorSummary()), later);
    GenericRecord diagnostics = (GenericRecord) record.get("diagnostics");
    diagnostics.put("status", new GenericData.EnumSymbol(
        later.getField("diagnostics").schema().getField("status").schema(), "PAUSED"));
    KnownSchemas known = KnownSchemas.builder().addCurrent().add(later).build();
    PosteriorSummary back = new AvroCodec<>(PosteriorSummary.class, known)
        .decode(encodeGeneric(later, record));
    assertThat(back.getDiagnostics().getStatus()).isEqualTo(UpdateStatus.OK);
  }

  private static Schema historySchema(String name) throws IOException {
    try (var in = KnownSchemas.class.getClassLoader().getResourceAsStream("history/" + name)) {
      return new Schema.Parser().parse(in);
    }
  }

  /** Reads current bytes into a generic record of another (compatible) reader schema. */
  private static GenericRecord toGeneric(byte[] bytes, Schema reader) throws IOException {
    BinaryMessageDecoder<GenericRecord> decoder =
        new BinaryMessageDecoder<>(GenericData.get(), reader, KnownSchemas.defaults());
    return decoder.decode(bytes);
  }

  @Test
  void newerWriterWithAddedFieldsIsReadByTheCurrentReader() throws IOException {
    Schema v9 = testSchema("Observation-v9.avsc");
    KnownSchemas known = KnownSchemas.builder().addCurrent().add(v9).build();
    GenericRecord newer = new GenericRecordBuilder(v9)
        .set("modelId", "waveform")
        .set("eventTime", Fixtures.T0.toEpochMilli())
        .set("features", List.of(3.0))
        .set("label", 0.0)
        .set("weight", 2.0)
        .set("id", "r9")
        .set("source", "sensor-7")
        .set("tags", Map.of("site", "north"))
        .build();

    Observation back = new AvroCodec<>(Observation.class, known).decode(encodeGeneric(v9, newer));

    assertThat(back).isEqualTo(Observation.newBuilder().setModelId("waveform").setEventTime(Fixtures.T0)
        .setFeatures(List.of(3.0)).setLabel(0.0).setWeight(2.0).setId("r9").build());
  }

  @Test
  void readerWithAnAddedFieldTakesItsDefaultFromCurrentBytes() throws IOException {
    Schema current = Observation.getClassSchema();
    // the current Observation plus a field that a future reader adds with a default
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field f : current.getFields()) {
      fields.add(new Schema.Field(f, f.schema()));
    }
    fields.add(new Schema.Field("source", Schema.create(Schema.Type.STRING), "producer name", "unknown"));
    Schema future = Schema.createRecord(current.getName(), null, current.getNamespace(), false, fields);

    GenericRecord read = toGeneric(AvroCodec.of(Observation.class).encode(Fixtures.observation()), future);

    assertThat(read.get("source")).hasToString("unknown");
    assertThat(read.get("id")).hasToString("row-17");
  }

  @Test
  void everyShippedHistoricalSchemaIsReadableByItsCurrentSchema() {
    KnownSchemas known = KnownSchemas.defaults();
    Map<String, Schema> current = KnownSchemas.CURRENT.stream()
        .collect(Collectors.toMap(Schema::getFullName, s -> s));

    for (Schema old : known.all()) {
      Schema reader = current.get(old.getFullName());
      assertThat(reader).as("current schema for historical %s", old.getFullName()).isNotNull();
      assertThat(SchemaCompatibility.checkReaderWriterCompatibility(reader, old).getType())
          .as("current %s reads %s", old.getFullName(), KnownSchemas.hex(KnownSchemas.fingerprint(old)))
          .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
    }
  }

  @Test
  void historyIndexListsEveryShippedAvscFile() throws IOException {
    Path folder = Path.of("src/main/resources/history");
    List<String> files;
    try (Stream<Path> list = Files.list(folder)) {
      files = list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".avsc")).sorted().toList();
    }
    List<String> listed = Files.readAllLines(folder.resolve("index.txt")).stream()
        .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).sorted().toList();

    assertThat(listed).isEqualTo(files);
  }
}
