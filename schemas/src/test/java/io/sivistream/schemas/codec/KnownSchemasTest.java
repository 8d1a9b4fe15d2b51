package io.sivistream.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sivistream.schemas.Observation;
import io.sivistream.schemas.UpdateDiagnostics;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class KnownSchemasTest {

  @Test
  void defaultsHoldEveryCurrentTopLevelRecordOnce() {
    KnownSchemas known = KnownSchemas.defaults();

    assertThat(KnownSchemas.CURRENT).hasSize(7);
    for (Schema schema : KnownSchemas.CURRENT) {
      assertThat(known.findByFingerprint(KnownSchemas.fingerprint(schema))).isSameAs(schema);
    }
    assertThat(known.versionsOf(Observation.getClassSchema().getFullName())).containsExactly(Observation.getClassSchema());
    assertThat(KnownSchemas.defaults()).isSameAs(known);
  }

  @Test
  void unknownFingerprintIsNull() {
    assertThat(KnownSchemas.defaults().findByFingerprint(42L)).isNull();
  }

  @Test
  void hexIsSixteenDigits() {
    assertThat(KnownSchemas.hex(0x1fL)).isEqualTo("0x000000000000001f");
    assertThat(KnownSchemas.hex(-1L)).isEqualTo("0xffffffffffffffff");
  }

  @Test
  void firstRegistrationWinsForEqualCanonicalForms() {
    Schema withoutDocs = new Schema.Parser().parse(Observation.getClassSchema().toString().replace("\"doc\"", "\"x-doc\""));

    KnownSchemas known = KnownSchemas.builder().addCurrent().add(withoutDocs).build();

    assertThat(known.versionsOf(Observation.getClassSchema().getFullName())).containsExactly(Observation.getClassSchema());
  }

  @Test
  void nonRecordsAreRefused() {
    assertThatThrownBy(() -> KnownSchemas.builder().add(Schema.create(Schema.Type.STRING)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("schema must be a record (single-object payloads are records), got STRING");
  }

  @Test
  void missingIndexAddsNothingButAMissingListedFileFails() {
    ClassLoader loader = getClass().getClassLoader();

    assertThat(KnownSchemas.builder().addIndexed("nowhere/index.txt", loader).build().all()).isEmpty();
    assertThatThrownBy(() -> KnownSchemas.builder().addResource("evolution/Nope.avsc", loader))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("evolution/Nope.avsc");
  }

  @Test
  void nestedRecordsAreNotTopLevelPayloads() {
    assertThat(KnownSchemas.defaults().findByFingerprint(KnownSchemas.fingerprint(UpdateDiagnostics.getClassSchema())))
        .isNull();
  }
}
