package io.sivistream.app.job.avro;

import io.sivistream.app.job.InvalidRecordException;
import io.sivistream.app.job.ObservationDecoder;
import io.sivistream.app.job.ObservationLike;
import io.sivistream.schemas.Observation;
import io.sivistream.schemas.codec.AvroCodec;
import io.sivistream.schemas.codec.DecodeException;
import java.util.List;

/**
 * Decodes Avro {@link Observation} records (single-object encoding) for the posterior job.
 *
 * <p>Rejected (the message becomes the dead letter's reason): undecodable bytes ("undecodable
 * KIND: ..."), a null value, a key other than the record's model id, a null feature, and a row
 * weight other than 1 (the streaming update has no row weights yet; sending a weighted row as if
 * it were unweighted would change the posterior silently). Non-finite numbers are rejected by the
 * job itself.
 */
public final class AvroObservationDecoder implements ObservationDecoder {

  private static final long serialVersionUID = 1L;
  /** The codec is not serializable; each deserialized copy (one per source reader) builds its own. */
  private transient AvroCodec<Observation> codec;

  @Override
  public ObservationLike decode(byte[] key, byte[] value) throws InvalidRecordException {
    if (value == null) {
      throw new InvalidRecordException("observation has no value (a tombstone); observations are"
          + " Avro Observation records");
    }
    Observation o;
    try {
      o = codec().decode(value);
    } catch (DecodeException e) {
      throw new InvalidRecordException("undecodable " + e.kind() + ": " + e.getMessage(), e);
    }
    KeyCheck.keyMatches("observation", key, o.getModelId());
    Double weight = o.getWeight();
    if (weight != null && weight != 1.0) {
      throw new InvalidRecordException("observation of model '" + o.getModelId() + "' has weight "
          + weight + "; row weights are not supported yet, send weight null (or 1)");
    }
    return new Row(o.getModelId(), o.getEventTime().toEpochMilli(),
        features(o.getModelId(), o.getFeatures()), o.getLabel());
  }

  private static double[] features(String model, List<Double> values)
      throws InvalidRecordException {
    double[] x = new double[values.size()];
    for (int i = 0; i < x.length; i++) {
      Double v = values.get(i);
      if (v == null) {
        throw new InvalidRecordException(
            "null feature " + i + " in observation of model '" + model + "'");
      }
      x[i] = v;
    }
    return x;
  }

  private AvroCodec<Observation> codec() {
    if (codec == null) {
      codec = AvroCodec.of(Observation.class);
    }
    return codec;
  }

  /** A decoded observation. */
  record Row(String modelId, long eventTimeMillis, double[] features, double label)
      implements ObservationLike {}
}
