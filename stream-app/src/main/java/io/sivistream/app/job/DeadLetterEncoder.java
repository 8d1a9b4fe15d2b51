package io.sivistream.app.job;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;

/** Encodes a {@link DeadLetter} as the value of a record on the dead-letters topic. */
@FunctionalInterface
public interface DeadLetterEncoder extends Serializable {

  byte[] encode(DeadLetter deadLetter);

  /** A plain-text encoding, {@code reason=...; origin=topic-partition@offset}. */
  static DeadLetterEncoder text() {
    return d -> ("reason=" + d.reason() + "; origin=" + d.origin())
        .getBytes(StandardCharsets.UTF_8);
  }
}
