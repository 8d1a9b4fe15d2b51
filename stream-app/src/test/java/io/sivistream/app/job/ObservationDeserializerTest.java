package io.sivistream.app.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.sivistream.schemas.DeadLetterCause;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class ObservationDeserializerTest {

  private final ObservationDeserializer deserializer = new ObservationDeserializer(TextCodecs.observations());

  @Test
  void aRecordBeyondTheSizeLimitIsADeadLetterKeptWholeAndNeverDecoded() throws Exception {
    byte[] huge = new byte[ObservationDeserializer.MAX_VALUE_BYTES + 1];
    Arrays.fill(huge, (byte) '9');
    ObservationInput in = deserialize(huge);
    assertThat(in.row()).isNull();
    assertThat(in.deadLetter().cause()).isEqualTo(DeadLetterCause.REJECTED_ROW);
    assertThat(in.deadLetter().reason())
        .isEqualTo("observation of 1048577 bytes exceeds the limit of 1048576 bytes per record");
    assertThat(in.deadLetter().value()).isEqualTo(huge);
    assertThat(in.deadLetter().origin()).isEqualTo(new RecordOrigin("obs", 0, 7));
  }

  @Test
  void aRecordAtTheLimitIsDecoded() throws Exception {
    String row = TextCodecs.observation(1, 2.0, 1.0);
    // padding the feature with leading zeros keeps the row's meaning at exactly the limit
    int pad = ObservationDeserializer.MAX_VALUE_BYTES - row.length();
    String padded = "1,2.0," + "0".repeat(pad) + "1.0";
    assertThat(padded.length()).isEqualTo(ObservationDeserializer.MAX_VALUE_BYTES);
    ObservationInput in = deserialize(padded.getBytes(StandardCharsets.UTF_8));
    assertThat(in.deadLetter()).isNull();
    assertThat(in.row().features()).containsExactly(1.0);
  }

  private ObservationInput deserialize(byte[] value) throws Exception {
    List<ObservationInput> out = new ArrayList<>();
    deserializer.deserialize(new ConsumerRecord<>("obs", 0, 7, "m1".getBytes(StandardCharsets.UTF_8), value),
        new Collector<>() {
          @Override
          public void collect(ObservationInput record) {
            out.add(record);
          }

          @Override
          public void close() {}
        });
    assertThat(out).hasSize(1);
    return out.get(0);
  }
}
