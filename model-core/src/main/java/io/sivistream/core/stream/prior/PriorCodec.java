package io.sivistream.core.stream.prior;

import io.sivistream.core.target.Prior;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.IntFunction;

/**
 * Bytes for the priors of this package, for checkpoints and state: a kind byte, the dimension,
 * then the prior's flat doubles ({@code toArray()}), big-endian via {@link DataOutputStream}, so a
 * round trip is bit-exact. A {@link TemperedPrior} is written as λ and its two nested encodings.
 * The caller adds versioning and checksums around these bytes.
 *
 * <table>
 *   <caption>Kinds</caption>
 *   <tr><td>'G'</td><td>{@link GaussianPrior}</td></tr>
 *   <tr><td>'M'</td><td>{@link MixturePrior}</td></tr>
 *   <tr><td>'D'</td><td>{@link DsmPrior}</td></tr>
 *   <tr><td>'N'</td><td>{@link IndependentNormalPrior} (convert a target NormalPrior to it first)</td></tr>
 *   <tr><td>'T'</td><td>{@link TemperedPrior}</td></tr>
 *   <tr><td>'F'</td><td>{@link SemiImplicitPrior}: only its dimension; the weights are the stream
 *   state's own family, which {@link #decode(byte[], IntFunction)} is given</td></tr>
 * </table>
 */
public final class PriorCodec {

  static final byte GAUSSIAN = 'G';
  static final byte MIXTURE = 'M';
  static final byte DSM = 'D';
  static final byte NORMAL = 'N';
  static final byte TEMPERED = 'T';
  static final byte FAMILY = 'F';

  private PriorCodec() {}

  public static byte[] encode(Prior prior) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      write(prior, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Decodes bytes that hold no {@link SemiImplicitPrior} (see {@link #decode(byte[], IntFunction)}). */
  public static Prior decode(byte[] bytes) {
    return decode(bytes, dim -> {
      throw new IllegalArgumentException("these prior bytes refer to the stream state's fitted family (a semi-implicit"
          + " prior); decode them with the state's family");
    });
  }

  /**
   * @param family builds the semi-implicit prior of the given dimension from the state's fitted
   *     family, for the 'F' kind
   */
  public static Prior decode(byte[] bytes, IntFunction<Prior> family) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      Prior prior = read(in, family);
      if (in.available() > 0) {
        throw new IllegalArgumentException("prior bytes have " + in.available() + " unexpected trailing bytes");
      }
      return prior;
    } catch (IOException e) {
      throw new IllegalArgumentException("prior bytes are truncated or unreadable: " + e, e);
    }
  }

  private static void write(Prior prior, DataOutputStream out) throws IOException {
    if (prior instanceof TemperedPrior t) {
      out.writeByte(TEMPERED);
      out.writeInt(t.dim());
      out.writeDouble(t.lambda());
      write(t.previous(), out);
      write(t.base(), out);
      return;
    }
    if (prior instanceof SemiImplicitPrior) {
      out.writeByte(FAMILY);
      out.writeInt(prior.dim());
      return;
    }
    byte kind;
    double[] flat;
    if (prior instanceof GaussianPrior g) {
      kind = GAUSSIAN;
      flat = g.toArray();
    } else if (prior instanceof MixturePrior m) {
      kind = MIXTURE;
      flat = m.toArray();
    } else if (prior instanceof DsmPrior s) {
      kind = DSM;
      flat = s.toArray();
    } else if (prior instanceof IndependentNormalPrior n) {
      kind = NORMAL;
      flat = n.toArray();
    } else {
      throw new IllegalArgumentException("cannot encode prior of type " + prior.getClass().getName()
          + "; known: GaussianPrior, MixturePrior, DsmPrior, IndependentNormalPrior, TemperedPrior, SemiImplicitPrior"
          + " (convert a NormalPrior with new IndependentNormalPrior(sds))");
    }
    out.writeByte(kind);
    out.writeInt(prior.dim());
    out.writeInt(flat.length);
    for (double v : flat) {
      out.writeDouble(v);
    }
  }

  private static Prior read(DataInputStream in, IntFunction<Prior> family) throws IOException {
    byte kind = in.readByte();
    if (kind != GAUSSIAN && kind != MIXTURE && kind != DSM && kind != NORMAL && kind != TEMPERED && kind != FAMILY) {
      throw new IllegalArgumentException(String.format("unknown prior kind byte 0x%02x; known: 'G' gaussian, 'M' mixture,"
          + " 'D' dsm, 'N' normal, 'T' tempered, 'F' semi-implicit", kind & 0xff));
    }
    int dim = in.readInt();
    Prior prior;
    if (kind == TEMPERED) {
      double lambda = in.readDouble();
      prior = new TemperedPrior(read(in, family), read(in, family), lambda);
    } else if (kind == FAMILY) {
      prior = family.apply(dim);
      if (prior.dim() != dim) {
        throw new IllegalArgumentException("the semi-implicit prior bytes are for " + dim
            + " parameters, but the state's family has " + prior.dim());
      }
    } else {
      int length = in.readInt();
      if (length < 0 || length > in.available() / Double.BYTES) {
        throw new IllegalArgumentException("prior bytes announce " + length + " doubles but only " + in.available() / Double.BYTES
            + " remain");
      }
      double[] flat = new double[length];
      for (int i = 0; i < length; i++) {
        flat[i] = in.readDouble();
      }
      prior = switch (kind) {
        case GAUSSIAN -> GaussianPrior.fromArray(flat);
        case MIXTURE -> MixturePrior.fromArray(flat);
        case DSM -> DsmPrior.fromArray(flat);
        case NORMAL -> IndependentNormalPrior.fromArray(flat);
        default -> throw new IllegalStateException("kind checked above");
      };
    }
    if (prior.dim() != dim) {
      throw new IllegalArgumentException("prior bytes declare dimension " + dim + " but hold a prior of dimension " + prior.dim());
    }
    return prior;
  }
}
