package io.sivistream.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.sivistream.app.job.TaskResources;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The FlinkDeployment's flinkConfiguration holds only keys Flink knows, with values that parse. */
class FlinkConfigurationTest {

  @ParameterizedTest
  @ValueSource(strings = {"cpu", "gpu"})
  void everyKeyIsAFlinkOption(String overlay) {
    Map<String, String> config = Manifests.flinkConfiguration(Manifests.overlay(overlay));
    assertThat(config).containsKeys("state.backend.type", "high-availability.type",
        "execution.checkpointing.incremental", "classloader.parent-first-patterns.additional");
    assertThat(FlinkOptions.problems(config)).isEmpty();
  }

  /** The check fails where it should: a misspelt key, a value of the wrong type, a stray suffix. */
  @Test
  void unknownKeysAndBadValuesAreReported() {
    Map<String, String> config = new LinkedHashMap<>(Manifests.flinkConfiguration(
        Manifests.overlay("gpu")));
    config.put("execution.checkpointing.incrementl", "true");
    config.put("restart-strategy.fixed-delay.attempts", "ten");
    config.put("metrics.reporter.prom.prot", "9249");
    config.put("external-resource.gpu.param.discovery-script.pth", "x.sh");
    config.put("external-resource.fpga.amount", "1");
    assertThat(FlinkOptions.problems(config)).extracting(p -> p.substring(0, p.indexOf(':')))
        .containsExactlyInAnyOrder("execution.checkpointing.incrementl",
            "restart-strategy.fixed-delay.attempts", "metrics.reporter.prom.prot",
            "external-resource.gpu.param.discovery-script.pth", "external-resource.fpga.amount");
  }

  @Test
  void theGpuRenderingRequestsOneGpuPerSlotAndTheCpuRenderingNone() {
    String gpuRendering = String.valueOf(Manifests.overlay("gpu"));
    Map<String, String> gpu = Manifests.flinkConfiguration(Manifests.overlay("gpu"));
    assertThat(gpu).containsEntry("external-resources", TaskResources.GPU_RESOURCE)
        .containsEntry("external-resource.gpu.amount", "1")
        .containsEntry("external-resource.gpu.kubernetes.config-key", "nvidia.com/gpu")
        .containsEntry("external-resource.gpu.driver-factory.class",
            "org.apache.flink.externalresource.gpu.GPUDriverFactory")
        .containsKey("external-resource.gpu.param.discovery-script.path")
        .containsEntry("taskmanager.numberOfTaskSlots", "1");
    var tm = Manifests.flinkDeployment(Manifests.overlay("gpu"))
        .at("/spec/taskManager/podTemplate/spec");
    assertThat(tm.at("/containers/0/resources/limits/nvidia.com~1gpu").asText()).isEqualTo("1");
    assertThat(tm.at("/tolerations/0/key").asText()).isEqualTo("nvidia.com/gpu");
    assertThat(tm.path("nodeSelector").size()).isPositive();
    assertThat(Manifests.flinkDeployment(Manifests.overlay("gpu")).at("/spec/image").asText())
        .startsWith("sivistream-job-cuda:");
    assertThat(gpuRendering).contains("nvidia.com/gpu");

    String cpuRendering = String.valueOf(Manifests.overlay("cpu"));
    assertThat(cpuRendering).doesNotContain("nvidia.com/gpu").doesNotContain("external-resource");
    assertThat(Manifests.flinkDeployment(Manifests.overlay("cpu")).at("/spec/image").asText())
        .startsWith("sivistream-job:");
    assertThat(List.of(Manifests.flinkConfiguration(Manifests.overlay("cpu")).keySet().toArray()))
        .noneMatch(k -> k.toString().startsWith("external-resource"));
  }
}
