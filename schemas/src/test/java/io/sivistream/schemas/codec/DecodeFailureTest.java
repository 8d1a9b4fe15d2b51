package io.sivistream.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sivistream.schemas.DeadLetter;
import io.sivistream.schemas.Fixtures;
import io.sivistream.schemas.Observation;
import io.sivistream.schemas.Prediction;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

/** Every way bytes can fail to decode gives a DecodeException of the right kind and a useful message. */
class DecodeFailureTest {

  private final AvroCodec<Observation> codec = AvroCodec.of(Observation.class);

  private DecodeException failure(byte[] bytes) {
    return org.junit.jupiter.api.Assertions.assertThrows(DecodeException.class, () -> codec.decode(bytes));
  }

  /** A header with {@code fingerprint} followed by whatever {@code body} writes. */
  private static byte[] payload(long fingerprint, IoConsumer<BinaryEncoder> body) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(new byte[] {(byte) 0xC3, 0x01});
    out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(fingerprint).array());
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    body.accept(encoder);
    encoder.flush();
    return out.toByteArray();
  }

  interface IoConsumer<T> {
    void accept(T t) throws IOException;
  }

  @Test
  void nullIsMissing() {
    DecodeException e = failure(null);

    assertThat(e.kind()).isEqualTo(DecodeException.Kind.MISSING);
    assertThat(e).hasMessageContaining("tombstone");
  }

  @Test
  void unknownFingerprintIsReportedInHex() throws IOException {
    Schema stranger = new Schema.Parser().parse(
        "{\"type\":\"record\",\"name\":\"Stranger\",\"fields\":[{\"name\":\"x\",\"type\":\"int\"}]}");
    long fingerprint = KnownSchemas.fingerprint(stranger);

    DecodeException e = failure(payload(fingerprint, enc -> enc.writeInt(5)));

    assertThat(e.kind()).isEqualTo(DecodeException.Kind.UNKNOWN_FINGERPRINT);
    assertThat(e.getMessage())
        .contains("unknown schema fingerprint " + String.format("0x%016x", fingerprint))
        .contains(KnownSchemas.hex(codec.fingerprint()))
        .contains("history/index.txt");
  }

  @Test
  void badMarkerShowsTheBytesAndSpotsJson() {
    DecodeException e = failure("{\"modelId\":\"m\",\"label\":1}".getBytes(StandardCharsets.UTF_8));

    assertThat(e.kind()).isEqualTo(DecodeException.Kind.BAD_MARKER);
    assertThat(e).hasMessageContaining("0x7B 0x22").hasMessageContaining("expected the marker 0xC3 0x01")
        .hasMessageContaining("JSON");
  }

  @Test
  void shortInputWithAWrongMarkerIsABadMarkerNotATruncation() {
    assertThat(failure("{\"a\":1}".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("0x7B 0x22").hasMessageContaining("JSON")
        .extracting(DecodeException::kind).isEqualTo(DecodeException.Kind.BAD_MARKER);
    assertThat(failure(new byte[] {0x42})).hasMessageContaining("first byte is 0x42")
        .extracting(DecodeException::kind).isEqualTo(DecodeException.Kind.BAD_MARKER);
    assertThat(failure(new byte[0]).kind()).isEqualTo(DecodeException.Kind.TRUNCATED);
  }

  @Test
  void everyStrictPrefixOfAValidPayloadIsTruncated() {
    byte[] valid = codec.encode(Fixtures.observation());

    for (int length = 0; length < valid.length; length++) {
      DecodeException e = failure(Arrays.copyOf(valid, length));
      assertThat(e.kind()).as("prefix of %d bytes: %s", length, e.getMessage())
          .isEqualTo(DecodeException.Kind.TRUNCATED);
    }
    assertThat(failure(Arrays.copyOf(valid, 4))).hasMessageContaining("4 bytes")
        .hasMessageContaining("header alone takes 10");
    assertThat(failure(Arrays.copyOf(valid, valid.length - 3))).hasMessageContaining("truncated Observation datum");
  }

  @Test
  void hugeAnnouncedArrayFailsFastInsteadOfAllocating() throws IOException {
    // a corrupt count of 2^30 doubles would make plain Avro allocate 8 GiB before reading
    byte[] bytes = payload(codec.fingerprint(), enc -> {
      enc.writeString("m");
      enc.writeLong(0L);
      enc.writeLong(1L << 30);
    });

    DecodeException e = failure(bytes);

    assertThat(e.kind()).isEqualTo(DecodeException.Kind.TRUNCATED);
    assertThat(e).hasMessageContaining("1073741824 items announced but only 0 bytes left");
  }

  @Test
  void hugeAnnouncedStringFailsFast() throws IOException {
    DecodeException e = failure(payload(codec.fingerprint(), enc -> enc.writeLong(Integer.MAX_VALUE)));

    assertThat(e.kind()).isEqualTo(DecodeException.Kind.TRUNCATED);
    assertThat(e).hasMessageContaining("string of 2147483647 bytes announced");
  }

  @Test
  void negativeLengthIsMalformed() throws IOException {
    DecodeException e = failure(payload(codec.fingerprint(), enc -> enc.writeLong(-5)));

    assertThat(e.kind()).isEqualTo(DecodeException.Kind.MALFORMED);
    assertThat(e).hasMessageContaining("length is negative (-5)");
  }

  @Test
  void unionBranchOutOfRangeIsMalformed() throws IOException {
    byte[] bytes = payload(codec.fingerprint(), enc -> {
      enc.writeString("m");
      enc.writeLong(0L);
      enc.writeArrayStart();
      enc.setItemCount(0);
      enc.writeArrayEnd();
      enc.writeDouble(1.0);
      enc.writeIndex(7); // weight is ["null","double"]: only 0 and 1 exist
    });

    DecodeException e = failure(bytes);

    assertThat(e.kind()).isEqualTo(DecodeException.Kind.MALFORMED);
    assertThat(e).hasMessageContaining("malformed Observation datum");
  }

  @Test
  void trailingBytesAreRejected() {
    byte[] valid = codec.encode(Fixtures.observation());
    byte[] longer = Arrays.copyOf(valid, valid.length + 2);

    DecodeException e = failure(longer);

    assertThat(e.kind()).isEqualTo(DecodeException.Kind.TRAILING_BYTES);
    assertThat(e).hasMessageContaining("2 unexpected bytes");
  }

  @Test
  void anotherRecordTypeIsWrongType() {
    byte[] prediction = AvroCodec.of(Prediction.class).encode(Fixtures.prediction());

    DecodeException e = failure(prediction);

    assertThat(e.kind()).isEqualTo(DecodeException.Kind.WRONG_TYPE);
    assertThat(e).hasMessageContaining("payload holds io.sivistream.schemas.Prediction")
        .hasMessageContaining("expected io.sivistream.schemas.Observation");
  }

  @Test
  void unresolvableWriterIsIncompatible() throws IOException {
    Schema broken = SchemaEvolutionTest.testSchema("Observation-label-string.avsc");
    AvroCodec<Observation> lenient = new AvroCodec<>(Observation.class,
        KnownSchemas.builder().addCurrent().add(broken).build());
    byte[] bytes = payload(KnownSchemas.fingerprint(broken), enc -> {
      enc.writeString("m");
      enc.writeLong(0L);
      enc.writeArrayStart();
      enc.setItemCount(0);
      enc.writeArrayEnd();
      enc.writeString("one");
    });

    assertThatThrownBy(() -> lenient.decode(bytes))
        .isInstanceOfSatisfying(DecodeException.class,
            e -> assertThat(e.kind()).isEqualTo(DecodeException.Kind.INCOMPATIBLE))
        .hasMessageContaining("/fields/3/type");
  }

  @Test
  void tryDecodeReturnsTheFailureWithOriginAndBytesForTheDeadLetter() {
    byte[] garbage = {(byte) 0xC3, 0x01, 3};
    byte[] key = "waveform".getBytes(StandardCharsets.UTF_8);
    RecordOrigin origin = new RecordOrigin("observations", 3, 99);

    Decoded<Observation> decoded = codec.tryDecode(garbage, origin, key);
    DeadLetter letter = decoded.toDeadLetter(Instant.EPOCH);

    assertThat(decoded.isOk()).isFalse();
    assertThat(decoded.failureKind()).isEqualTo(DecodeException.Kind.TRUNCATED);
    assertThat(letter.getSourceTopic()).isEqualTo("observations");
    assertThat(letter.getPartition()).isEqualTo(3);
    assertThat(letter.getOffset()).isEqualTo(99);
    assertThat(letter.getKey()).isEqualTo(ByteBuffer.wrap(key));
    assertThat(letter.getValue()).isEqualTo(ByteBuffer.wrap(garbage));
    assertThat(letter.getReason()).startsWith("undecodable TRUNCATED: truncated Observation payload: 3 bytes");
    assertThatThrownBy(decoded::value).isInstanceOf(IllegalStateException.class).hasMessageContaining("TRUNCATED");
  }

  @Test
  void tryDecodeOfGoodBytesIsOk() {
    Decoded<Observation> decoded = codec.tryDecode(codec.encode(Fixtures.observation()), RecordOrigin.of("t"), null);

    assertThat(decoded.isOk()).isTrue();
    assertThat(decoded.value()).isEqualTo(Fixtures.observation());
    assertThat(decoded.raw()).isNull();
    assertThatThrownBy(() -> decoded.toDeadLetter(Instant.EPOCH)).isInstanceOf(IllegalStateException.class);
  }
}
