package io.sivistream.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.sivistream.app.demo.Demo;
import io.sivistream.app.deploy.Manifests;
import io.sivistream.app.embedded.EmbeddedKafka;
import io.sivistream.app.embedded.LocalFlink;
import io.sivistream.app.job.PosteriorJobConfig;
import io.sivistream.app.job.engine.EngineJob;
import io.sivistream.schemas.PosteriorSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployed job, short of Kubernetes: the cpu rendering's FlinkDeployment configuration as the
 * cluster's, the ConfigMap's job config as the job's, on a MiniCluster against the embedded broker,
 * publishes posteriors.
 *
 * <p>What this machine cannot provide is replaced, and only that (see {@link #clusterSettings}
 * and {@link #jobConfigText}): S3 URIs become folders under a temporary directory, Kubernetes HA
 * becomes none, the S3 plugin's keys are dropped, the Prometheus reporter gets a port range, the
 * broker is the embedded one without TLS/SCRAM (so the job config's {@code kafka:} security block
 * is dropped), and {@code parallelism.default} is the FlinkDeployment's {@code job.parallelism}, as
 * the operator sets it.
 */
class DeployedJobITCase {

  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final Duration STOP = Duration.ofSeconds(30);
  private static final String S3_BUCKET = "s3://sivistream/";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Test
  void theDeployedConfigurationRunsAndPublishesPosteriors(@TempDir Path dir) throws Exception {
    List<JsonNode> objects = Manifests.overlay("cpu");
    try (EmbeddedKafka kafka = EmbeddedKafka.start(0)) {
      kafka.createTopics(Demo.TOPICS);
      PipelineCommandsITCase.produce(kafka.bootstrapServers(),
          PipelineCommandsITCase.SMALL_POISSON, 300);

      JobConfigFile file = JobConfigFile.parse(jobConfigText(objects, kafka.bootstrapServers(),
          dir), "job.yaml of the sivistream-job-config ConfigMap");
      PosteriorJobConfig config = file.job();
      Configuration cluster = Configuration.fromMap(clusterSettings(objects, dir));

      LocalFlink flink = LocalFlink.start(cluster);
      try {
        // as in application mode: the job's environment sees the cluster's configuration, and
        // the job's own settings on top
        Configuration jobEnvironment = new Configuration(cluster);
        jobEnvironment.addAll(config.flinkConfiguration());
        StreamExecutionEnvironment env = flink.environment(jobEnvironment);
        EngineJob.build(config, file.draws()).addTo(env);
        JobClient client = env.executeAsync("sivistream-posterior");
        List<PosteriorSummary> summaries = List.of();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (summaries.size() < 3 && System.nanoTime() < deadline) {
          Thread.sleep(1000);
          summaries = PipelineCommandsITCase.committedSummaries(kafka.bootstrapServers());
        }
        flink.cancel(client, STOP);
        assertThat(summaries).extracting(PosteriorSummary::getVersion)
            .containsExactly(1L, 2L, 3L);
        assertThat(summaries.get(2).getRowsTotal()).isEqualTo(300);
        assertThat(summaries.get(2).getSpecHash()).isNotBlank();
      } finally {
        flink.close();
      }
      // the FlinkDeployment's checkpoint storage (its s3:// folder, here under dir) holds them
      try (var files = Files.list(dir.resolve("checkpoints"))) {
        assertThat(files).as("checkpoints kept where flink.yaml puts them").isNotEmpty();
      }
    }
  }

  /** flink.yaml's flinkConfiguration with this machine's substitutions. */
  private static Map<String, String> clusterSettings(List<JsonNode> objects, Path dir) {
    Map<String, String> out = new LinkedHashMap<>();
    Manifests.flinkConfiguration(objects).forEach((k, v) -> {
      if (k.startsWith("s3.")) {
        return; // the S3 plugin's own settings: no plugin, no bucket here
      }
      out.put(k, local(v, dir));
    });
    out.put("high-availability.type", "NONE");
    out.put("metrics.reporter.prom.port", "9250-9299");
    out.put("parallelism.default",
        Manifests.flinkDeployment(objects).at("/spec/job/parallelism").asText());
    return out;
  }

  /** The ConfigMap's job.yaml with the embedded broker and local folders. */
  private static String jobConfigText(List<JsonNode> objects, String bootstrap, Path dir)
      throws Exception {
    ObjectNode job = (ObjectNode) YAML.readTree(
        Manifests.configMapFile(objects, "sivistream-job-config", "job.yaml"));
    job.put("bootstrapServers", bootstrap);
    job.remove("kafka");
    job.put("checkpointDir", local(job.path("checkpointDir").asText(), dir));
    return YAML.writeValueAsString(job);
  }

  private static String local(String value, Path dir) {
    return value.startsWith(S3_BUCKET)
        ? dir.resolve(value.substring(S3_BUCKET.length())).toUri().toString()
        : value;
  }
}
