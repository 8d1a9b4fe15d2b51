package io.sivistream.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sivistream.app.deploy.FlinkOptions;
import io.sivistream.app.deploy.Manifests;
import io.sivistream.app.job.PosteriorJobConfig;
import io.sivistream.schemas.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The job config in the deployment's ConfigMap is a valid {@code sivistream run} config, and the
 * Flink settings it gives the job (which override the cluster's) agree with the FlinkDeployment's.
 */
class DeployedJobConfigTest {

  @ParameterizedTest
  @ValueSource(strings = {"cpu", "gpu"})
  void theJobConfigParsesAndAgreesWithTheCluster(String overlay) {
    var objects = Manifests.overlay(overlay);
    JobConfigFile file = JobConfigFile.parse(
        Manifests.configMapFile(objects, "sivistream-job-config", "job.yaml"), "job.yaml");
    PosteriorJobConfig job = file.job();
    assertThat(job.bootstrapServers()).isEqualTo("sivistream-kafka-bootstrap:9093");
    assertThat(job.observationsTopic()).isEqualTo(Topics.OBSERVATIONS);
    assertThat(job.kafkaProperties()).containsEntry("security.protocol", "SASL_SSL")
        .doesNotContainKey("sasl.password");

    Configuration cluster = Configuration.fromMap(Manifests.flinkConfiguration(objects));
    Configuration jobSettings = job.flinkConfiguration();
    List<String> disagreements = new ArrayList<>();
    for (Map.Entry<String, String> e : jobSettings.toMap().entrySet()) {
      ConfigOption<?> option = FlinkOptions.option(e.getKey());
      assertThat(option).as("job setting " + e.getKey()).isNotNull();
      Object jobValue = jobSettings.get(option);
      Object clusterValue = cluster.get(option);
      if (!Objects.equals(String.valueOf(jobValue), String.valueOf(clusterValue))) {
        disagreements.add(e.getKey() + ": job " + jobValue + ", cluster " + clusterValue);
      }
    }
    assertThat(disagreements).isEmpty();
  }
}
