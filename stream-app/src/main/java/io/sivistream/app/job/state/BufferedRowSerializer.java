package io.sivistream.app.job.state;

import io.sivistream.app.job.BufferedRow;
import io.sivistream.app.job.RecordOrigin;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Rows of a model's open window. Format v1: event time, feature count and values, label, then
 * the origin (topic, partition, offset) or a marker for none.
 */
public final class BufferedRowSerializer extends VersionedSerializer<BufferedRow> {

  private static final long serialVersionUID = 1L;
  static final int VERSION = 1;

  public BufferedRowSerializer() {
    super(VERSION, "buffered window rows");
  }

  @Override
  public BufferedRow createInstance() {
    return new BufferedRow(0, new double[0], 0, null);
  }

  @Override
  protected void write(BufferedRow r, DataOutputView out) throws IOException {
    out.writeLong(r.eventTime());
    out.writeInt(r.features().length);
    for (double f : r.features()) {
      out.writeDouble(f);
    }
    out.writeDouble(r.label());
    RecordOrigin o = r.origin();
    out.writeBoolean(o != null);
    if (o != null) {
      out.writeUTF(o.topic());
      out.writeInt(o.partition());
      out.writeLong(o.offset());
    }
  }

  @Override
  protected BufferedRow read(int version, DataInputView in) throws IOException {
    long eventTime = in.readLong();
    double[] features = new double[in.readInt()];
    for (int i = 0; i < features.length; i++) {
      features[i] = in.readDouble();
    }
    double label = in.readDouble();
    RecordOrigin origin = in.readBoolean() ? new RecordOrigin(in.readUTF(), in.readInt(), in.readLong()) : null;
    return new BufferedRow(eventTime, features, label, origin);
  }

  @Override
  public TypeSerializerSnapshot<BufferedRow> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Restores the serializer from a savepoint (no configuration: versions travel with the records). */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<BufferedRow> {
    public Snapshot() {
      super(BufferedRowSerializer::new);
    }
  }
}
