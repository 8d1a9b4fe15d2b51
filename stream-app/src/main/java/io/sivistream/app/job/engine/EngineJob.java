package io.sivistream.app.job.engine;

import io.sivistream.app.job.PosteriorJob;
import io.sivistream.app.job.PosteriorJobConfig;
import io.sivistream.app.job.avro.AvroDeadLetterEncoder;
import io.sivistream.app.job.avro.AvroModelSpecDecoder;
import io.sivistream.app.job.avro.AvroObservationDecoder;
import java.time.Clock;

/** The production posterior job: Avro records in and out, the SIVI-SM streaming update. */
public final class EngineJob {

  private EngineJob() {}

  /**
   * The job with Avro {@code Observation}/{@code ModelSpec} decoders, Avro dead letters and the
   * {@link EngineUpdater}.
   *
   * @param config job settings
   * @param draws  posterior draws published per window (0: none)
   */
  public static PosteriorJob build(PosteriorJobConfig config, int draws) {
    return PosteriorJob.builder(config)
        .observationDecoder(new AvroObservationDecoder())
        .modelSpecDecoder(new AvroModelSpecDecoder())
        .deadLetterEncoder(new AvroDeadLetterEncoder())
        .updater(new EngineUpdater(draws, Clock.systemUTC()))
        .build();
  }
}
