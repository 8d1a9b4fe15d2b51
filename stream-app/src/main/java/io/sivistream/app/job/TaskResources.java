package io.sivistream.app.job;

import java.util.List;

/**
 * What the Flink task running an updater has to itself: its subtask index and the GPUs Flink's
 * external-resource framework discovered for its task manager ({@code external-resources: gpu},
 * deploy/k8s/overlays/gpu), as the indices the discovery script reported.
 *
 * @param subtaskIndex this parallel instance's index, 0-based
 * @param gpuIndices   the task manager's GPUs; empty without the GPU resource
 */
public record TaskResources(int subtaskIndex, List<String> gpuIndices) {

  /** The name of the GPU resource in the Flink configuration ({@code external-resources}). */
  public static final String GPU_RESOURCE = "gpu";

  public TaskResources {
    gpuIndices = List.copyOf(gpuIndices);
  }

  /** No GPUs: a CPU task manager or a local run. */
  public static TaskResources cpuOnly(int subtaskIndex) {
    return new TaskResources(subtaskIndex, List.of());
  }

  /**
   * The GPU this task should compute on, or -1 for none. With one slot per GPU (the deployment's
   * setting) each task manager runs one task on its one GPU; with more slots than GPUs, tasks
   * share them round-robin by subtask index.
   *
   * @throws IllegalArgumentException if the reported index is not a number
   */
  public int gpu() {
    if (gpuIndices.isEmpty()) {
      return -1;
    }
    String index = gpuIndices.get(Math.floorMod(subtaskIndex, gpuIndices.size()));
    try {
      return Integer.parseInt(index.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("the GPU discovery reported index '" + index
          + "', not a number", e);
    }
  }
}
