package io.sivistream.app.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs real jobs on the in-process MiniCluster: to completion, cancelled, and through a kill. */
class LocalFlinkITCase {

  private static LocalFlink flink;

  @BeforeAll
  static void startCluster() {
    flink = LocalFlink.start();
  }

  @AfterAll
  static void stopCluster() {
    flink.close();
  }

  @Test
  void boundedJobRunsToCompletion() throws Exception {
    StreamExecutionEnvironment env = flink.environment();
    env.setParallelism(2);
    List<Long> out = new ArrayList<>();
    try (CloseableIterator<Long> it =
        env.fromSequence(1, 100).map(x -> 2 * x).returns(Long.class).executeAndCollect()) {
      it.forEachRemaining(out::add);
    }
    assertThat(out).hasSize(100);
    assertThat(out.stream().mapToLong(Long::longValue).sum()).isEqualTo(2 * 5050);
  }

  @Test
  void unboundedJobCanBeCancelled() throws Exception {
    StreamExecutionEnvironment env = flink.environment();
    env.setParallelism(1);
    env.fromSequence(1, Long.MAX_VALUE).map(LocalFlinkITCase::slow).returns(Long.class)
        .sinkTo(new DiscardingSink<>());
    JobClient job = env.executeAsync("cancel-me");
    flink.awaitStatus(job.getJobID(), JobStatus.RUNNING, Duration.ofSeconds(30));
    flink.cancel(job, Duration.ofSeconds(30));
    assertThat(flink.status(job.getJobID())).isEqualTo(JobStatus.CANCELED);
  }

  @Test
  void killedTaskManagerIsReplacedAndJobRestarts() throws Exception {
    Configuration conf = new Configuration();
    conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(500));
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(1));
    StreamExecutionEnvironment env = flink.environment(conf);
    env.setParallelism(1);
    env.fromSequence(1, Long.MAX_VALUE).map(LocalFlinkITCase::slow).returns(Long.class)
        .sinkTo(new DiscardingSink<>());
    JobClient job = env.executeAsync("kill-me");
    flink.awaitTasksRunning(job.getJobID(), Duration.ofSeconds(30));
    assertThat(flink.restarts(job.getJobID())).isZero();
    flink.killTaskManager();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (flink.restarts(job.getJobID()) == 0 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(flink.restarts(job.getJobID())).as("restart attempts").isGreaterThanOrEqualTo(1);
    flink.awaitTasksRunning(job.getJobID(), Duration.ofSeconds(30));
    assertThat(flink.status(job.getJobID())).isEqualTo(JobStatus.RUNNING);
    flink.cancel(job, Duration.ofSeconds(30));
  }

  private static long slow(long x) throws InterruptedException {
    Thread.sleep(1);
    return x;
  }
}
