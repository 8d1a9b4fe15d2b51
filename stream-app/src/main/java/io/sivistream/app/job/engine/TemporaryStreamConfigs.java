package io.sivistream.app.job.engine;

import io.sivistream.core.spec.ModelSpec;
import io.sivistream.core.spec.StreamSpec;
import io.sivistream.core.stream.StreamConfig;

/** TEMPORARY StreamSpec to StreamConfig mapping until model-core's own lands in main. */
final class TemporaryStreamConfigs {

  private TemporaryStreamConfigs() {}

  static StreamConfig of(StreamSpec s, ModelSpec spec) {
    StreamConfig d = StreamConfig.DEFAULT;
    return new StreamConfig(StreamConfig.Mode.valueOf(s.mode().name()), s.forgetting(),
        s.windowRows(), s.windowSeconds(), s.iterationsPerWindow(),
        Math.max(s.iterationsPerWindow(), Math.min(spec.train().iterations(), d.firstWindowIterations())),
        s.slidingWindows(), StreamConfig.PriorKind.valueOf(s.prior().name()), d.priorDraws(),
        d.summaryDraws());
  }
}
