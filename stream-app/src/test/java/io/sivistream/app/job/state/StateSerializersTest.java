package io.sivistream.app.job.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sivistream.app.job.BufferedRow;
import io.sivistream.app.job.RecordOrigin;
import io.sivistream.app.job.SpecUpdate;
import io.sivistream.app.job.WindowProgress;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class StateSerializersTest {

  @Test
  void bufferedRowsRoundTripWithAndWithoutOrigin() throws IOException {
    BufferedRowSerializer s = new BufferedRowSerializer();
    BufferedRow withOrigin = new BufferedRow(17, new double[] {1.5, -2, Double.MIN_VALUE}, 0.25,
        new RecordOrigin("obs", 3, 99));
    BufferedRow without = new BufferedRow(-1, new double[0], Double.NaN, null);
    BufferedRow a = roundTrip(s, withOrigin);
    assertThat(a.eventTime()).isEqualTo(17);
    assertThat(a.features()).containsExactly(1.5, -2, Double.MIN_VALUE);
    assertThat(a.label()).isEqualTo(0.25);
    assertThat(a.origin()).isEqualTo(new RecordOrigin("obs", 3, 99));
    BufferedRow b = roundTrip(s, without);
    assertThat(b.features()).isEmpty();
    assertThat(b.label()).isNaN();
    assertThat(b.origin()).isNull();
  }

  @Test
  void specsRoundTripIncludingDeletionsAndSpecsBeyond64KiB() throws IOException {
    SpecUpdateSerializer s = new SpecUpdateSerializer();
    SpecUpdate big = new SpecUpdate("m", "x".repeat(200_000) + "é", 10, 0, 3, false);
    assertThat(roundTrip(s, big)).isEqualTo(big);
    SpecUpdate deleted = new SpecUpdate("gone", null, 0, 0, 0, true);
    assertThat(roundTrip(s, deleted)).isEqualTo(deleted);
  }

  @Test
  void windowProgressRoundTripsEveryFieldAndCopiesAreIndependent() throws IOException {
    WindowProgressSerializer s = new WindowProgressSerializer();
    WindowProgress p = new WindowProgress();
    p.windowsDone = 7;
    p.bufferedRows = 3;
    p.lateInWindow = 1;
    p.lateTotal = 9;
    p.waitingSince = 123;
    p.waitTimer = WindowProgress.NONE;
    p.admittedRows = 50;
    p.admittedMillis = 1000;
    p.failedWindows = 2;
    p.lastFailure = "boom";
    p.epoch = 4;
    WindowProgress r = roundTrip(s, p);
    assertThat(r).usingRecursiveComparison().isEqualTo(p);
    WindowProgress c = s.copy(p);
    c.windowsDone = 8;
    assertThat(p.windowsDone).isEqualTo(7);
    p.lastFailure = null;
    assertThat(roundTrip(s, p).lastFailure).isNull();
  }

  @Test
  void aRecordFromANewerFormatIsRefusedWithWhatToDo() throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(16);
    out.writeByte(BufferedRowSerializer.VERSION + 1);
    assertThatThrownBy(() -> new BufferedRowSerializer().deserialize(new DataInputDeserializer(out.getCopyOfBuffer())))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("buffered window rows")
        .hasMessageContaining("format v2")
        .hasMessageContaining("restore with the release that wrote it");
  }

  @Test
  void snapshotsRestoreACompatibleSerializer() throws IOException {
    for (TypeSerializer<?> s : new TypeSerializer<?>[] {new BufferedRowSerializer(), new SpecUpdateSerializer(),
        new WindowProgressSerializer()}) {
      assertThat(restoredCompatibility(s).isCompatibleAsIs()).as(s.getClass().getSimpleName()).isTrue();
    }
  }

  private static <T> TypeSerializerSchemaCompatibility<T> restoredCompatibility(TypeSerializer<T> s) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(64);
    TypeSerializerSnapshot.writeVersionedSnapshot(out, s.snapshotConfiguration());
    TypeSerializerSnapshot<T> read = TypeSerializerSnapshot.readVersionedSnapshot(
        new DataInputDeserializer(out.getCopyOfBuffer()), StateSerializersTest.class.getClassLoader());
    assertThat(read.restoreSerializer()).isEqualTo(s);
    return s.snapshotConfiguration().resolveSchemaCompatibility(read);
  }

  private static <T> T roundTrip(TypeSerializer<T> s, T value) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(64);
    s.serialize(value, out);
    byte[] bytes = out.getCopyOfBuffer();
    // the copy path (used when Flink moves records between state backends) agrees too
    DataOutputSerializer copied = new DataOutputSerializer(64);
    s.copy(new DataInputDeserializer(bytes), copied);
    assertThat(copied.getCopyOfBuffer()).isEqualTo(bytes);
    return s.deserialize(new DataInputDeserializer(bytes));
  }
}
