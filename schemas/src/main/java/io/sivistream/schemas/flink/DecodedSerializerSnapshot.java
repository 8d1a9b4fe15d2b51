package io.sivistream.schemas.flink;

import io.sivistream.schemas.codec.Decoded;
import org.apache.flink.api.common.typeutils.CompositeTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Snapshot of a {@link DecodedSerializer}: the outer layout version plus the nested value
 * serializer's snapshot, so that a restored job can check and migrate the value format.
 *
 * @param <T> the value type
 */
public final class DecodedSerializerSnapshot<T>
    extends CompositeTypeSerializerSnapshot<Decoded<T>, DecodedSerializer<T>> {

  /** Version of the outer layout written by {@link DecodedSerializer}. */
  private static final int CURRENT_VERSION = 1;

  /** For reading a snapshot (Flink instantiates it reflectively). */
  public DecodedSerializerSnapshot() {
    super();
  }

  /** For writing the snapshot of {@code serializer}. */
  public DecodedSerializerSnapshot(DecodedSerializer<T> serializer) {
    super(serializer);
  }

  @Override
  protected int getCurrentOuterSnapshotVersion() {
    return CURRENT_VERSION;
  }

  @Override
  protected TypeSerializer<?>[] getNestedSerializers(DecodedSerializer<T> outerSerializer) {
    return new TypeSerializer<?>[] {outerSerializer.valueSerializer()};
  }

  @SuppressWarnings("unchecked")
  @Override
  protected DecodedSerializer<T> createOuterSerializerWithNestedSerializers(TypeSerializer<?>[] nestedSerializers) {
    return new DecodedSerializer<>((TypeSerializer<T>) nestedSerializers[0]);
  }
}
