package io.sivistream.app.job;

import io.sivistream.app.embedded.LocalFlink;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** The posterior job with the text codecs and {@link MeanUpdater}, as the job tests run it. */
final class TextJob {

  private TextJob() {}

  /** Submits the job and returns once its tasks run. */
  static JobClient start(LocalFlink flink, PosteriorJobConfig config, String name, Duration wait)
      throws Exception {
    Configuration conf = new Configuration();
    conf.set(PipelineOptions.GENERIC_TYPES, false);   // every type has a Flink serializer
    StreamExecutionEnvironment env = flink.environment(conf);
    PosteriorJob.builder(config)
        .observationDecoder(TextCodecs.observations())
        .modelSpecDecoder(TextCodecs.specs())
        .updater(new MeanUpdater())
        .build()
        .addTo(env);
    JobClient job = env.executeAsync(name);
    flink.awaitTasksRunning(job.getJobID(), wait);
    return job;
  }
}
