package io.sivistream.app.embedded;

import io.sivistream.app.job.ClusterSettings;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.dag.Pipeline;
import org.apache.flink.client.ClientUtils;
import org.apache.flink.client.deployment.executors.PipelineExecutorUtils;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.PipelineExecutor;
import org.apache.flink.core.execution.PipelineExecutorFactory;
import org.apache.flink.core.execution.PipelineExecutorServiceLoader;
import org.apache.flink.runtime.checkpoint.CheckpointStatsSnapshot;
import org.apache.flink.runtime.execution.ExecutionState;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.executiongraph.AccessExecutionVertex;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.runtime.minicluster.MiniClusterJobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local Flink cluster in this JVM (a {@link MiniCluster} with one task manager of two slots)
 * that outlives single jobs, so that the demo and integration tests can submit, cancel, fail and
 * resubmit jobs against the same cluster.
 *
 * <p>The cluster loads ND4J and JavaCPP parent-first ({@link ClusterSettings}) and binds its REST
 * endpoint to a random port.
 *
 * <pre>{@code
 * try (LocalFlink flink = LocalFlink.start()) {
 *   StreamExecutionEnvironment env = flink.environment(jobConfig);
 *   ... build the pipeline on env ...
 *   JobClient job = env.executeAsync("posterior-job");
 *   flink.killTaskManager();              // a real failure: the job restarts from a checkpoint
 *   flink.cancel(job, Duration.ofSeconds(30));
 * }
 * }</pre>
 */
public final class LocalFlink implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalFlink.class);
  /** Task slots of the single task manager. */
  public static final int SLOTS = 2;
  private static final String EXECUTOR_NAME = "sivistream-local-flink";

  private final MiniCluster miniCluster;
  /** Index of the live task manager; killed ones keep their index in the MiniCluster. */
  private int taskManagerIndex;

  private LocalFlink(MiniCluster miniCluster) {
    this.miniCluster = miniCluster;
  }

  /** Starts a cluster with the default settings. */
  public static LocalFlink start() {
    return start(new Configuration());
  }

  /**
   * Starts a cluster.
   *
   * @param clusterConfig cluster settings (e.g. memory, state backend defaults); the parent-first
   *                      class-loading patterns and a random REST port are added
   */
  public static LocalFlink start(Configuration clusterConfig) {
    Configuration config = new Configuration(clusterConfig);
    ClusterSettings.applyTo(config);
    if (!config.contains(RestOptions.BIND_PORT)) {
      config.set(RestOptions.BIND_PORT, "0");
    }
    MiniCluster mc = new MiniCluster(new MiniClusterConfiguration.Builder()
        .setConfiguration(config)
        .setNumTaskManagers(1)
        .setNumSlotsPerTaskManager(SLOTS)
        .build());
    try {
      mc.start();
    } catch (Exception e) {
      mc.closeAsync();
      throw new IllegalStateException("local Flink cluster failed to start: " + e.getMessage(), e);
    }
    LOG.info("local Flink cluster started: 1 task manager, {} slots", SLOTS);
    return new LocalFlink(mc);
  }

  /** An environment with default job settings whose {@code execute} runs on this cluster. */
  public StreamExecutionEnvironment environment() {
    return environment(new Configuration());
  }

  /**
   * An environment whose {@code execute}/{@code executeAsync} submit to this cluster.
   *
   * @param jobConfig job settings (checkpointing, restart strategy, state backend, parallelism)
   */
  public StreamExecutionEnvironment environment(Configuration jobConfig) {
    Configuration config = new Configuration(jobConfig);
    config.set(DeploymentOptions.TARGET, EXECUTOR_NAME);
    config.set(DeploymentOptions.ATTACHED, true);
    return new StreamExecutionEnvironment(new Loader(), config,
        Thread.currentThread().getContextClassLoader());
  }

  /** Runs the environment's pipeline and waits until it finishes (bounded sources only). */
  public JobExecutionResult runToCompletion(StreamExecutionEnvironment env, String jobName,
      Duration timeout) throws Exception {
    JobClient job = env.executeAsync(jobName);
    return job.getJobExecutionResult().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Cancels a job and waits until it is cancelled. */
  public void cancel(JobClient job, Duration timeout) throws Exception {
    job.cancel().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    awaitStatus(job.getJobID(), JobStatus.CANCELED, timeout);
  }

  /** Current status of a job. */
  public JobStatus status(JobID job) throws Exception {
    return miniCluster.getJobStatus(job).get(30, TimeUnit.SECONDS);
  }

  /** Waits until the job is in {@code wanted}; fails if it ends in another terminal state. */
  public void awaitStatus(JobID job, JobStatus wanted, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    JobStatus now = status(job);
    while (now != wanted) {
      if (now.isGloballyTerminalState()) {
        throw new IllegalStateException("job " + job + " ended " + now + ", expected " + wanted);
      }
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("job " + job + " is " + now + " after " + timeout
            + ", expected " + wanted);
      }
      Thread.sleep(50);
      now = status(job);
    }
  }

  /**
   * How often the job's tasks were restarted: the highest execution attempt number over all its
   * subtasks (0 = never). With region failover the job status stays RUNNING through a restart,
   * so this, not the status, tells whether a failure happened.
   */
  public int restarts(JobID job) throws Exception {
    int max = 0;
    for (AccessExecutionVertex v : executionGraph(job).getAllExecutionVertices()) {
      max = Math.max(max, v.getCurrentExecutionAttempt().getAttemptNumber());
    }
    return max;
  }

  /** Number of checkpoints of the job completed so far. */
  public long completedCheckpoints(JobID job) throws Exception {
    CheckpointStatsSnapshot stats = executionGraph(job).getCheckpointStatsSnapshot();
    return stats == null ? 0 : stats.getCounts().getNumberOfCompletedCheckpoints();
  }

  /**
   * External path of the job's latest completed checkpoint (also after the job ended, from its
   * archived graph), for resuming a new job from it; empty if none completed.
   */
  public Optional<String> latestCheckpointPath(JobID job) throws Exception {
    CheckpointStatsSnapshot stats = executionGraph(job).getCheckpointStatsSnapshot();
    if (stats == null || stats.getHistory().getLatestCompletedCheckpoint() == null) {
      return Optional.empty();
    }
    return Optional.of(stats.getHistory().getLatestCompletedCheckpoint().getExternalPath());
  }

  /** Waits until every subtask of the job is RUNNING (or already FINISHED). */
  public void awaitTasksRunning(JobID job, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      boolean allUp = true;
      for (AccessExecutionVertex v : executionGraph(job).getAllExecutionVertices()) {
        ExecutionState s = v.getExecutionState();
        allUp &= s == ExecutionState.RUNNING || s == ExecutionState.FINISHED;
      }
      if (allUp) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("tasks of job " + job + " not all running after " + timeout);
      }
      Thread.sleep(50);
    }
  }

  private AccessExecutionGraph executionGraph(JobID job) throws Exception {
    return miniCluster.getExecutionGraph(job).get(30, TimeUnit.SECONDS);
  }

  /**
   * Kills the task manager (all running tasks fail at once, as when a machine dies) and starts a
   * fresh one; jobs restart from their latest completed checkpoint under their restart strategy.
   */
  public synchronized void killTaskManager() throws Exception {
    miniCluster.terminateTaskManager(taskManagerIndex).get(60, TimeUnit.SECONDS);
    miniCluster.startTaskManager();
    taskManagerIndex++;
    LOG.info("local Flink: task manager killed and replaced");
  }

  /** The underlying cluster, for savepoints, checkpoints and job lookups. */
  public MiniCluster miniCluster() {
    return miniCluster;
  }

  @Override
  public void close() {
    try {
      miniCluster.closeAsync().get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("local Flink cluster did not shut down cleanly: {}", e.toString());
    }
  }

  /** Hands every pipeline to {@link #submit}, whatever {@code execution.target} says. */
  private final class Loader implements PipelineExecutorServiceLoader {
    @Override
    public PipelineExecutorFactory getExecutorFactory(Configuration configuration) {
      return new PipelineExecutorFactory() {
        @Override
        public String getName() {
          return EXECUTOR_NAME;
        }

        @Override
        public boolean isCompatibleWith(Configuration c) {
          return true;
        }

        @Override
        public PipelineExecutor getExecutor(Configuration c) {
          return LocalFlink.this::submit;
        }
      };
    }

    @Override
    public Stream<String> getExecutorNames() {
      return Stream.of(EXECUTOR_NAME);
    }
  }

  // What Flink's own executors do: translate, serialize the user functions (so that every
  // attempt deserializes fresh instances, as on a real cluster), submit, wait for initialization.
  private CompletableFuture<JobClient> submit(Pipeline pipeline, Configuration configuration,
      ClassLoader userCodeClassLoader) throws Exception {
    StreamGraph graph = PipelineExecutorUtils.getStreamGraph(pipeline, configuration);
    graph.serializeUserDefinedInstances();
    return miniCluster.submitJob(graph).thenApplyAsync(submission -> {
      JobID id = submission.getJobID();
      try {
        ClientUtils.waitUntilJobInitializationFinished(
            () -> miniCluster.getJobStatus(id).get(),
            () -> miniCluster.requestJobResult(id).get(),
            userCodeClassLoader);
      } catch (Exception e) {
        throw new IllegalStateException("job " + id + " failed to initialize", e);
      }
      return new MiniClusterJobClient(id, miniCluster, userCodeClassLoader,
          MiniClusterJobClient.JobFinalizationBehavior.NOTHING);
    });
  }
}
