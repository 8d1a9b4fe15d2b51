package io.sivistream.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.sivistream.schemas.Observation;
import io.sivistream.schemas.codec.AvroCodec;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EncodedRowsTest {

  private final AvroCodec<Observation> codec = AvroCodec.of(Observation.class);

  @Test
  void templatesWithANewTimeDecodeToTheRowAtThatTime() {
    double[][] pool = BenchModel.pool(3, 5);
    EncodedRows rows = new EncodedRows(List.of("bench", "model-two"), pool, 1_700_000_000_000L);
    long[] times = {1_700_000_000_000L, 1_799_999_999_999L, 2_000_000_000_123L,
        // other varint lengths: encoded in full
        5L, 4_102_444_800_000L * 2};
    for (int m = 0; m < 2; m++) {
      for (int i = 0; i < 3; i++) {
        for (long t : times) {
          Observation o = codec.decode(rows.encode(m, i, t));
          assertThat(o.getModelId()).isEqualTo(m == 0 ? "bench" : "model-two");
          assertThat(o.getEventTime()).isEqualTo(Instant.ofEpochMilli(t));
          assertThat(o.getFeatures()).hasSize(22).startsWith(1.0, pool[i][1]);
          assertThat(o.getLabel()).isEqualTo(pool[i][22]);
          assertThat(o.getWeight()).isNull();
        }
      }
    }
  }

  @Test
  void encodeReturnsAFreshArrayEachTime() {
    EncodedRows rows = new EncodedRows(List.of("bench"), BenchModel.pool(1, 5), 1_700_000_000_000L);
    byte[] a = rows.encode(0, 0, 1_700_000_000_001L);
    byte[] b = rows.encode(0, 0, 1_700_000_000_002L);
    assertThat(a).isNotSameAs(b).isNotEqualTo(b);
    assertThat(codec.decode(a).getEventTime().toEpochMilli()).isEqualTo(1_700_000_000_001L);
  }
}
