package io.sivistream.app.job.avro;

import io.sivistream.app.job.DeadLetter;
import io.sivistream.app.job.DeadLetterEncoder;
import io.sivistream.schemas.codec.AvroCodec;
import io.sivistream.schemas.codec.RecordOrigin;
import java.time.Clock;

/**
 * Encodes dead letters as Avro {@code DeadLetter} records: the source topic, partition and
 * offset, the original key and value bytes, the reason and the processing time of the rejection.
 */
public final class AvroDeadLetterEncoder implements DeadLetterEncoder {

  private static final long serialVersionUID = 1L;
  private final Clock clock;
  private transient AvroCodec<io.sivistream.schemas.DeadLetter> codec;

  /** An encoder stamping {@code failedAt} with the system clock (UTC). */
  public AvroDeadLetterEncoder() {
    this(Clock.systemUTC());
  }

  /** An encoder with the given clock (serializable, e.g. {@link Clock#fixed} in tests). */
  public AvroDeadLetterEncoder(Clock clock) {
    this.clock = clock;
  }

  @Override
  public byte[] encode(DeadLetter d) {
    io.sivistream.app.job.RecordOrigin o = d.origin();
    RecordOrigin origin = o == null ? RecordOrigin.of("unknown")
        : new RecordOrigin(o.topic(), Math.max(-1, o.partition()), Math.max(-1, o.offset()));
    String reason = d.reason() == null ? "(no reason given)" : d.reason();
    return codec().encode(origin.deadLetter(d.key(), d.value(), reason, d.cause(),
        clock.instant()));
  }

  private AvroCodec<io.sivistream.schemas.DeadLetter> codec() {
    if (codec == null) {
      codec = AvroCodec.of(io.sivistream.schemas.DeadLetter.class);
    }
    return codec;
  }
}
