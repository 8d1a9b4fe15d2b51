package io.sivistream.app.job.avro;

import io.sivistream.app.job.InvalidRecordException;
import io.sivistream.app.job.ModelSpecDecoder;
import io.sivistream.app.job.ModelSpecLike;
import io.sivistream.app.job.WindowPolicy;
import io.sivistream.app.job.engine.StreamModels;
import io.sivistream.core.spec.ModelSpec;
import io.sivistream.core.spec.SpecException;
import io.sivistream.schemas.codec.AvroCodec;
import io.sivistream.schemas.codec.DecodeException;

/**
 * Decodes Avro {@code ModelSpec} records from the compacted models topic. The record's
 * {@code specYaml} is the source of truth: it is parsed with {@link ModelSpec#parse} and checked
 * as the streaming update will use it ({@link StreamModels#definition}), so that a spec the update
 * could not run becomes a dead letter here rather than a failing job. The feature count is the
 * length of the spec's {@code features} list; the window policy comes from its {@code stream}
 * block ({@link StreamModels#windowPolicy}). A record with {@code deleted = true} retires the
 * model, like a tombstone.
 */
public final class AvroModelSpecDecoder implements ModelSpecDecoder {

  private static final long serialVersionUID = 1L;
  private transient AvroCodec<io.sivistream.schemas.ModelSpec> codec;

  @Override
  public ModelSpecLike decode(byte[] key, byte[] value) throws InvalidRecordException {
    io.sivistream.schemas.ModelSpec record;
    try {
      record = codec().decode(value);
    } catch (DecodeException e) {
      throw new InvalidRecordException("undecodable " + e.kind() + ": " + e.getMessage(), e);
    }
    String id = record.getModelId();
    KeyCheck.keyMatches("model spec", key, id);
    if (record.getDeleted()) {
      return new Spec(id, null, null, 0, true);
    }
    String source = "model spec '" + id + "'";
    ModelSpec spec;
    try {
      spec = ModelSpec.parse(record.getSpecYaml(), source);
    } catch (SpecException e) {
      throw new InvalidRecordException(e.getMessage(), e);
    }
    WindowPolicy window;
    try {
      StreamModels.definition(spec);
      window = StreamModels.windowPolicy(spec.stream());
    } catch (IllegalArgumentException e) {
      throw new InvalidRecordException(source + ": " + e.getMessage(), e);
    }
    return new Spec(id, record.getSpecYaml(), window, spec.features().size(), false);
  }

  private AvroCodec<io.sivistream.schemas.ModelSpec> codec() {
    if (codec == null) {
      codec = AvroCodec.of(io.sivistream.schemas.ModelSpec.class);
    }
    return codec;
  }

  /** A decoded, checked spec. */
  record Spec(String modelId, String specYaml, WindowPolicy windowPolicy, int featureCount,
      boolean deleted) implements ModelSpecLike {}
}
