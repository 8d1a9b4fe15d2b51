package io.sivistream.core.stream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Bytes for a {@link PosteriorState}: magic "SIVS", a format version, the fields, and a CRC-32 of
 * everything before it. Decoding rejects foreign bytes, unknown versions and corruption with a
 * message that says which.
 */
public final class PosteriorStateCodec {

  /** Format version written by this code; {@link #decode} reads versions 1..CURRENT_VERSION. */
  public static final int CURRENT_VERSION = 1;

  private static final int MAGIC = 0x53495653; // "SIVS"

  private PosteriorStateCodec() {}

  public static byte[] encode(PosteriorState s) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeInt(MAGIC);
      out.writeInt(CURRENT_VERSION);
      out.writeLong(s.windowIndex());
      out.writeLong(s.rowsTotal());
      out.writeLong(s.seed());
      for (double[] a : new double[][] {s.center(), s.scale(), s.familyParams(), s.criticParams(),
          s.familyM(), s.familyV(), s.criticM(), s.criticV()}) {
        writeDoubles(out, a);
      }
      out.writeLong(s.adamSteps());
      out.writeInt(s.nextPrior().length);
      out.write(s.nextPrior());
      out.writeInt(s.retainedFeatures().size());
      for (int w = 0; w < s.retainedFeatures().size(); w++) {
        double[][] rows = s.retainedFeatures().get(w);
        out.writeInt(rows.length);
        for (double[] r : rows) {
          writeDoubles(out, r);
        }
        writeDoubles(out, s.retainedLabels().get(w));
      }
      out.flush();
      CRC32 crc = new CRC32();
      crc.update(bytes.toByteArray());
      out.writeLong(crc.getValue());
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * @throws IllegalArgumentException for bytes that are not a posterior state, a version this code
   *     cannot read, or a checksum mismatch
   */
  public static PosteriorState decode(byte[] bytes) {
    if (bytes == null || bytes.length < 16) {
      throw new IllegalArgumentException("not a posterior state: " + (bytes == null ? "null" : bytes.length + " bytes"));
    }
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length - 8);
    long stored = java.nio.ByteBuffer.wrap(bytes, bytes.length - 8, 8).getLong();
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 0, bytes.length - 8))) {
      if (in.readInt() != MAGIC) {
        throw new IllegalArgumentException("not a posterior state: bad magic number");
      }
      int version = in.readInt();
      if (version < 1 || version > CURRENT_VERSION) {
        throw new IllegalArgumentException("posterior state format version " + version
            + " is not supported (this build reads 1.." + CURRENT_VERSION + "); upgrade sivistream");
      }
      if (crc.getValue() != stored) {
        throw new IllegalArgumentException("posterior state is corrupted: checksum mismatch");
      }
      long window = in.readLong();
      long rows = in.readLong();
      long seed = in.readLong();
      double[][] arrays = new double[8][];
      for (int i = 0; i < 8; i++) {
        arrays[i] = readDoubles(in);
      }
      long steps = in.readLong();
      byte[] prior = new byte[in.readInt()];
      in.readFully(prior);
      int windows = in.readInt();
      List<double[][]> features = new ArrayList<>();
      List<double[]> labels = new ArrayList<>();
      for (int w = 0; w < windows; w++) {
        double[][] r = new double[in.readInt()][];
        for (int i = 0; i < r.length; i++) {
          r[i] = readDoubles(in);
        }
        features.add(r);
        labels.add(readDoubles(in));
      }
      return new PosteriorState(window, rows, seed, arrays[0], arrays[1], arrays[2], arrays[3], arrays[4], arrays[5],
          arrays[6], arrays[7], steps, prior, features, labels);
    } catch (IOException | NegativeArraySizeException | OutOfMemoryError e) {
      throw new IllegalArgumentException("posterior state is truncated or corrupted: " + e.getMessage());
    }
  }

  private static void writeDoubles(DataOutputStream out, double[] a) throws IOException {
    out.writeInt(a.length);
    for (double v : a) {
      out.writeDouble(v);
    }
  }

  private static double[] readDoubles(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > 100_000_000) {
      throw new IOException("bad array length " + n);
    }
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = in.readDouble();
    }
    return a;
  }
}
