package io.sivistream.app.job.state;

import io.sivistream.app.job.SpecUpdate;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A model's current spec in the broadcast state. Format v1: model id, spec YAML (or none, for a
 * deletion), rows per window, window ms, feature count, deleted flag.
 */
public final class SpecUpdateSerializer extends VersionedSerializer<SpecUpdate> {

  private static final long serialVersionUID = 1L;
  static final int VERSION = 1;

  public SpecUpdateSerializer() {
    super(VERSION, "model specs");
  }

  @Override
  public SpecUpdate createInstance() {
    return new SpecUpdate("", null, 0, 0, 0, true);
  }

  @Override
  protected void write(SpecUpdate s, DataOutputView out) throws IOException {
    out.writeUTF(s.modelId());
    writeLongString(s.specYaml(), out);
    out.writeInt(s.windowRows());
    out.writeLong(s.windowMillis());
    out.writeInt(s.featureCount());
    out.writeBoolean(s.deleted());
  }

  @Override
  protected SpecUpdate read(int version, DataInputView in) throws IOException {
    return new SpecUpdate(in.readUTF(), readLongString(in), in.readInt(), in.readLong(), in.readInt(), in.readBoolean());
  }

  // a spec may exceed writeUTF's 64 KiB limit: length-prefixed UTF-8 instead (-1 for none)
  private static void writeLongString(String s, DataOutputView out) throws IOException {
    if (s == null) {
      out.writeInt(-1);
      return;
    }
    byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String readLongString(DataInputView in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      return null;
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return new String(b, java.nio.charset.StandardCharsets.UTF_8);
  }

  @Override
  public TypeSerializerSnapshot<SpecUpdate> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Restores the serializer from a savepoint (no configuration: versions travel with the records). */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<SpecUpdate> {
    public Snapshot() {
      super(SpecUpdateSerializer::new);
    }
  }
}
