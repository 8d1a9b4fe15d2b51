package io.sivistream.app.job.engine;

import io.sivistream.core.stream.PosteriorState;
import io.sivistream.core.stream.PosteriorStateCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The bytes {@link EngineUpdater} keeps in Flink state: magic "SVEU", a format version, the
 * shape key of the spec the state was trained under ({@link Stored#shapeKey}), then the engine's
 * own {@link PosteriorStateCodec} bytes. The shape key lets a changed spec that changes the
 * networks or the parameters start afresh instead of feeding mismatched weights to the engine.
 */
final class EngineStateBytes {

  /** Format version written; {@link #decode} reads 1..CURRENT_VERSION. */
  static final int CURRENT_VERSION = 1;
  private static final int MAGIC = 0x53564555; // "SVEU"

  private EngineStateBytes() {}

  /** A decoded state and the shape key it was trained under. */
  record Stored(String shapeKey, PosteriorState state) {}

  static byte[] encode(String shapeKey, PosteriorState state) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeInt(MAGIC);
      out.writeInt(CURRENT_VERSION);
      out.writeUTF(shapeKey);
      byte[] engine = PosteriorStateCodec.encode(state);
      out.writeInt(engine.length);
      out.write(engine);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * @throws IllegalArgumentException for bytes this class did not write, a newer format or
   *                                  corrupted engine state
   */
  static Stored decode(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      if (bytes.length < 8 || in.readInt() != MAGIC) {
        throw new IllegalArgumentException("posterior state in Flink state was not written by"
            + " EngineUpdater (bad magic number); was the job restored from another job's state?");
      }
      int version = in.readInt();
      if (version < 1 || version > CURRENT_VERSION) {
        throw new IllegalArgumentException("EngineUpdater state format " + version + " is not"
            + " supported (this build reads 1.." + CURRENT_VERSION + "); upgrade sivistream");
      }
      String shapeKey = in.readUTF();
      byte[] engine = new byte[in.readInt()];
      in.readFully(engine);
      return new Stored(shapeKey, PosteriorStateCodec.decode(engine));
    } catch (IOException | NegativeArraySizeException e) {
      throw new IllegalArgumentException("EngineUpdater state is truncated or corrupted: " + e, e);
    }
  }
}
