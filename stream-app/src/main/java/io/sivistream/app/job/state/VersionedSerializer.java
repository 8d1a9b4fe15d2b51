package io.sivistream.app.job.state;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A state serializer whose every record starts with its format version, so that a later release
 * reads what this one wrote (keeping a reader for each old version) and refuses, with a message,
 * what a newer one wrote. Flink's own choices for records and POJOs (Kryo, the POJO serializer)
 * give no such promise across a change of the class, and a savepoint is how users upgrade
 * (deploy/README.md, "Upgrading"). The committed savepoint fixture
 * ({@code src/test/resources/savepoints}) and its test hold every release to the formats here.
 *
 * <p>Subclasses are stateless, so one instance serves every thread.
 *
 * @param <T> the state type
 */
public abstract class VersionedSerializer<T> extends TypeSerializer<T> {

  private static final long serialVersionUID = 1L;

  private final int currentVersion;
  private final String what;

  /**
   * @param currentVersion the version this release writes; it reads every version from 1 to this
   * @param what what the state holds, for error messages ("buffered window rows")
   */
  protected VersionedSerializer(int currentVersion, String what) {
    this.currentVersion = currentVersion;
    this.what = what;
  }

  protected abstract void write(T value, DataOutputView out) throws IOException;

  protected abstract T read(int version, DataInputView in) throws IOException;

  @Override
  public boolean isImmutableType() {
    return true;
  }

  @Override
  public TypeSerializer<T> duplicate() {
    return this;
  }

  @Override
  public T copy(T from, T reuse) {
    return copy(from);
  }

  @Override
  public T copy(T from) {
    return from;
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(T record, DataOutputView target) throws IOException {
    target.writeByte(currentVersion);
    write(record, target);
  }

  @Override
  public T deserialize(DataInputView source) throws IOException {
    int version = source.readUnsignedByte();
    if (version < 1 || version > currentVersion) {
      throw new IOException("the " + what + " in this state were written in format v" + version
          + ", and this release reads v1 to v" + currentVersion
          + ": restore with the release that wrote it, or a later one");
    }
    return read(version, source);
  }

  @Override
  public T deserialize(T reuse, DataInputView source) throws IOException {
    return deserialize(source);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    serialize(deserialize(source), target);
  }

  @Override
  public boolean equals(Object obj) {
    return obj != null && obj.getClass() == getClass();
  }

  @Override
  public int hashCode() {
    return getClass().hashCode();
  }

  /** Writes a string that may be null. */
  static void writeNullable(String s, DataOutputView out) throws IOException {
    out.writeBoolean(s != null);
    if (s != null) {
      out.writeUTF(s);
    }
  }

  static String readNullable(DataInputView in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }
}
