package io.sivistream.app.job.state;

import io.sivistream.app.job.WindowProgress;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A model's window counters. Format v1: windowsDone, bufferedRows, lateInWindow, lateTotal,
 * waitingSince, waitTimer, admittedRows, admittedMillis, failedWindows, lastFailure, epoch.
 *
 * <p>The type is mutable, so copies are real copies.
 */
public final class WindowProgressSerializer extends VersionedSerializer<WindowProgress> {

  private static final long serialVersionUID = 1L;
  static final int VERSION = 1;

  public WindowProgressSerializer() {
    super(VERSION, "window counters");
  }

  @Override
  public boolean isImmutableType() {
    return false;
  }

  @Override
  public WindowProgress createInstance() {
    return new WindowProgress();
  }

  @Override
  public WindowProgress copy(WindowProgress from) {
    WindowProgress p = new WindowProgress();
    p.windowsDone = from.windowsDone;
    p.bufferedRows = from.bufferedRows;
    p.lateInWindow = from.lateInWindow;
    p.lateTotal = from.lateTotal;
    p.waitingSince = from.waitingSince;
    p.waitTimer = from.waitTimer;
    p.admittedRows = from.admittedRows;
    p.admittedMillis = from.admittedMillis;
    p.failedWindows = from.failedWindows;
    p.lastFailure = from.lastFailure;
    p.epoch = from.epoch;
    return p;
  }

  @Override
  protected void write(WindowProgress p, DataOutputView out) throws IOException {
    out.writeLong(p.windowsDone);
    out.writeInt(p.bufferedRows);
    out.writeLong(p.lateInWindow);
    out.writeLong(p.lateTotal);
    out.writeLong(p.waitingSince);
    out.writeLong(p.waitTimer);
    out.writeInt(p.admittedRows);
    out.writeLong(p.admittedMillis);
    out.writeLong(p.failedWindows);
    writeNullable(p.lastFailure, out);
    out.writeLong(p.epoch);
  }

  @Override
  protected WindowProgress read(int version, DataInputView in) throws IOException {
    WindowProgress p = new WindowProgress();
    p.windowsDone = in.readLong();
    p.bufferedRows = in.readInt();
    p.lateInWindow = in.readLong();
    p.lateTotal = in.readLong();
    p.waitingSince = in.readLong();
    p.waitTimer = in.readLong();
    p.admittedRows = in.readInt();
    p.admittedMillis = in.readLong();
    p.failedWindows = in.readLong();
    p.lastFailure = readNullable(in);
    p.epoch = in.readLong();
    return p;
  }

  @Override
  public TypeSerializerSnapshot<WindowProgress> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Restores the serializer from a savepoint (no configuration: versions travel with the records). */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<WindowProgress> {
    public Snapshot() {
      super(WindowProgressSerializer::new);
    }
  }
}
