package io.sivistream.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sivistream.schemas.Fixtures;
import io.sivistream.schemas.Observation;
import io.sivistream.schemas.PosteriorSummary;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Whatever bytes arrive on a topic, decoding either yields a record or throws a
 * {@link DecodeException} saying why: never another exception, never an allocation the bytes do
 * not pay for (the dead-letter path depends on both).
 */
class CodecPropertyTest {

  private static final AvroCodec<Observation> OBSERVATIONS = AvroCodec.of(Observation.class);
  private static final AvroCodec<PosteriorSummary> SUMMARIES = AvroCodec.of(PosteriorSummary.class);
  private static final byte[] OBSERVATION = OBSERVATIONS.encode(Fixtures.observation());
  private static final byte[] SUMMARY = SUMMARIES.encode(Fixtures.posteriorSummary());
  /** The single-object header of a current Observation: marker and schema fingerprint. */
  private static final int HEADER = 10;

  @Property(tries = 500, seed = "20261203")
  void arbitraryBytesFailWithADecodeException(@ForAll @Size(max = 400) byte[] bytes) {
    assertDecodesOrExplains(OBSERVATIONS, bytes);
  }

  /** Past a valid header the datum reader itself gets the garbage: the part most likely to break. */
  @Property(tries = 1000, seed = "20261203")
  void garbageAfterAValidHeaderFailsWithADecodeException(@ForAll @Size(max = 400) byte[] body) {
    byte[] bytes = Arrays.copyOf(OBSERVATION, HEADER + body.length);
    System.arraycopy(body, 0, bytes, HEADER, body.length);
    assertDecodesOrExplains(OBSERVATIONS, bytes);
  }

  @Property(tries = 300, seed = "20261203")
  void everyTruncationOfAValidPayloadIsReportedAsSuch(@ForAll @IntRange(min = 0, max = 10_000) int cut) {
    int length = cut % SUMMARY.length;
    byte[] truncated = Arrays.copyOf(SUMMARY, length);
    assertThatThrownBy(() -> SUMMARIES.decode(truncated)).isInstanceOf(DecodeException.class)
        .hasMessageNotContaining("Exception:");
  }

  @Property(tries = 1000, seed = "20261203")
  void flippedBytesDecodeOrAreExplained(@ForAll @IntRange(min = 0, max = 100_000) int where,
      @ForAll byte value) {
    byte[] bytes = SUMMARY.clone();
    bytes[HEADER + where % (bytes.length - HEADER)] = value;
    assertDecodesOrExplains(SUMMARIES, bytes);
  }

  /** A length prefix claiming a huge string or array must not make the reader allocate it. */
  @Property(tries = 200, seed = "20261203")
  void hugeLengthPrefixesAreRefusedWithoutAllocating(@ForAll @IntRange(min = 1 << 20) int claimed) {
    // Observation starts with the modelId string: its length is a zig-zag varint
    byte[] length = zigZagVarint(claimed);
    byte[] bytes = Arrays.copyOf(OBSERVATION, HEADER + length.length + 4);
    System.arraycopy(length, 0, bytes, HEADER, length.length);
    assertThatThrownBy(() -> OBSERVATIONS.decode(bytes)).isInstanceOf(DecodeException.class);
  }

  private static <T extends org.apache.avro.specific.SpecificRecord> void assertDecodesOrExplains(
      AvroCodec<T> codec, byte[] bytes) {
    try {
      assertThat(codec.decode(bytes)).isNotNull();
    } catch (DecodeException e) {
      assertThat(e.getMessage()).isNotBlank();
      assertThat(e.kind()).isNotNull();
    }
  }

  private static byte[] zigZagVarint(long v) {
    long z = (v << 1) ^ (v >> 63);
    byte[] out = new byte[10];
    int i = 0;
    while ((z & ~0x7FL) != 0) {
      out[i++] = (byte) ((z & 0x7F) | 0x80);
      z >>>= 7;
    }
    out[i++] = (byte) z;
    return Arrays.copyOf(out, i);
  }
}
