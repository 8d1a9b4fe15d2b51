package io.sivistream.app.bench;

import io.sivistream.schemas.Observation;
import io.sivistream.schemas.codec.AvroCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark producer's rows, Avro-encoded once: each send copies a template and writes the
 * event time into it. {@code Observation}'s second field, {@code eventTime}, is a zig-zag varint
 * right after the model id, and epoch milliseconds of this era all take seven bytes, so the
 * templates' layout never changes; a time whose varint length differs from the template's
 * (before 2004 or after 2112) is encoded in full. The bytes are exactly what
 * {@link AvroCodec#encode} writes, at a fraction of its cost, so that the load generator leaves
 * the two cores to the pipeline.
 */
final class EncodedRows {

  private final AvroCodec<Observation> codec = AvroCodec.of(Observation.class);
  private final List<String> modelIds;
  private final double[][] pool;
  /** Per model, per pool row: the encoded record with the template time. */
  private final byte[][][] templates;
  /** Per model: offset of the event-time varint. */
  private final int[] timeOffsets;
  private final int timeLength;

  EncodedRows(List<String> modelIds, double[][] pool, long templateMillis) {
    this.modelIds = List.copyOf(modelIds);
    this.pool = pool;
    this.templates = new byte[modelIds.size()][pool.length][];
    this.timeOffsets = new int[modelIds.size()];
    this.timeLength = varintLength(zigZag(templateMillis));
    for (int m = 0; m < modelIds.size(); m++) {
      byte[] id = modelIds.get(m).getBytes(StandardCharsets.UTF_8);
      timeOffsets[m] = AvroCodec.HEADER_LENGTH + varintLength(zigZag(id.length)) + id.length;
      for (int i = 0; i < pool.length; i++) {
        templates[m][i] = codec.encode(observation(m, i, templateMillis));
      }
    }
  }

  /** Row {@code row} of the pool for model {@code model} with event time {@code millis}. */
  byte[] encode(int model, int row, long millis) {
    long z = zigZag(millis);
    if (varintLength(z) != timeLength) {
      return codec.encode(observation(model, row, millis));
    }
    byte[] out = templates[model][row].clone();
    int at = timeOffsets[model];
    while ((z & ~0x7FL) != 0) {
      out[at++] = (byte) ((z & 0x7F) | 0x80);
      z >>>= 7;
    }
    out[at] = (byte) z;
    return out;
  }

  int rows() {
    return pool.length;
  }

  private Observation observation(int model, int row, long millis) {
    double[] r = pool[row];
    List<Double> features = new ArrayList<>(r.length - 1);
    for (int j = 0; j < r.length - 1; j++) {
      features.add(r[j]);
    }
    return Observation.newBuilder()
        .setModelId(modelIds.get(model))
        .setEventTime(Instant.ofEpochMilli(millis))
        .setFeatures(features)
        .setLabel(r[r.length - 1])
        .build();
  }

  private static long zigZag(long v) {
    return (v << 1) ^ (v >> 63);
  }

  private static int varintLength(long z) {
    int n = 1;
    while ((z & ~0x7FL) != 0) {
      z >>>= 7;
      n++;
    }
    return n;
  }
}
