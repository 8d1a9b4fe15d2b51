package io.sivistream.app.cli;

import io.sivistream.app.embedded.LocalFlink;
import io.sivistream.app.job.PosteriorJob;
import io.sivistream.app.job.PosteriorJobConfig;
import io.sivistream.app.job.engine.EngineJob;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sivistream run}: the posterior job against a real Kafka. Run with {@code java -jar} (or
 * the launcher) it starts a local Flink cluster in this process and runs until Ctrl-C; submitted
 * with {@code flink run sivistream.jar run --config job.yaml} it runs on that Flink cluster.
 */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = {"Run the posterior job against a Kafka cluster.",
        "Started directly, the job runs on a local Flink cluster in this process until Ctrl-C;"
        + " submitted with 'flink run', it runs on that cluster.",
        "The job config (YAML) needs only 'bootstrapServers'; every other key has a default."},
    footer = {"", "Job config keys [defaults]:",
        "  bootstrapServers    Kafka brokers, host:port,... (required)",
        "  topics              {observations, models, summaries, draws, deadLetters}",
        "                      [observations, models, posterior-summaries,",
        "                       posterior-draws, dead-letters]",
        "  kafka               properties for every Kafka client, e.g.",
        "                      {security.protocol: SASL_SSL}",
        "  groupId             consumer group [sivistream-posterior]",
        "  transactionalIdPrefix  unique per job [sivistream-posterior]",
        "  parallelism         operator parallelism [Flink's default]",
        "  stateBackend        hashmap | rocksdb [hashmap]",
        "  checkpointDir       file:///ckpt, s3://bucket/ckpt, ... [job manager]",
        "  checkpointInterval  output is committed at this cadence [10s]",
        "  restoreFrom         checkpoint or savepoint to resume from",
        "  draws               posterior draws published per window [200]",
        "  transactionTimeout [15m], maxOutOfOrderness [5s], idleness [30s],",
        "  unknownModelTimeout [1m], restartAttempts [10], restartDelay [2s]",
        "Durations: 500ms, 10s, 2m, 1h, seconds, or ISO-8601 (PT10S).",
        "", "Example:", "  sivistream run --config job.yaml",
        "  job.yaml:  bootstrapServers: 127.0.0.1:9092",
        "             stateBackend: rocksdb",
        "             checkpointDir: file:///var/lib/sivistream/checkpoints"})
final class RunCommand implements Callable<Integer> {

  private static final Duration KAFKA_CHECK_TIMEOUT = Duration.ofSeconds(15);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  @Spec
  CommandSpec spec;

  @Option(names = "--config", required = true, paramLabel = "C.yaml",
      description = "Job configuration (YAML).")
  Path configFile;

  @Option(names = "--seconds", paramLabel = "N",
      description = "Stop after N seconds (default: run until Ctrl-C); local runs only.")
  Integer seconds;

  @Override
  public Integer call() throws Exception {
    if (seconds != null && seconds < 1) {
      throw new ParameterException(spec.commandLine(), "--seconds must be >= 1, got " + seconds);
    }
    PrintWriter err = spec.commandLine().getErr();
    JobConfigFile file = JobConfigFile.load(configFile);
    PosteriorJobConfig config = file.job();
    checkKafka(config);
    PosteriorJob job = EngineJob.build(config, file.draws());

    StreamExecutionEnvironment context =
        StreamExecutionEnvironment.getExecutionEnvironment(config.flinkConfiguration());
    if (!(context instanceof LocalStreamEnvironment)) {
      // submitted with `flink run`: the cluster's environment decides attached or detached
      job.addTo(context);
      context.execute("sivistream-posterior");
      return 0;
    }
    return runLocally(job, config, err);
  }

  private int runLocally(PosteriorJob job, PosteriorJobConfig config, PrintWriter err)
      throws Exception {
    Path temp = Files.createTempDirectory("sivistream-run-");
    Configuration cluster = new Configuration();
    cluster.set(CoreOptions.TMP_DIRS, temp.toString());
    LocalFlink flink = LocalFlink.start(cluster);
    JobClient client;
    try {
      StreamExecutionEnvironment env = flink.environment(config.flinkConfiguration());
      job.addTo(env);
      client = env.executeAsync("sivistream-posterior");
    } catch (Exception | Error e) {
      flink.close();
      deleteTree(temp);
      throw e;
    }
    CountDownLatch ended = new CountDownLatch(1);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    client.getJobExecutionResult().whenComplete((result, t) -> {
      failure.set(t);
      ended.countDown();
    });
    err.println("sivistream run: posterior job " + client.getJobID() + " running on local Flink"
        + " (reading " + config.observationsTopic() + " and " + config.modelsTopic() + " at "
        + config.bootstrapServers() + ", writing " + config.summariesTopic() + "); Ctrl-C stops"
        + " it" + (config.checkpointDir() == null ? ""
            : " (checkpoints are kept in " + config.checkpointDir() + ")"));
    err.flush();
    UntilStopped.await(seconds, () -> {
      try {
        if (ended.getCount() > 0) {
          flink.cancel(client, STOP_TIMEOUT);
        }
      } finally {
        flink.close();
        deleteTree(temp);
      }
    }, ended);
    Throwable t = failure.get();
    if (t != null && ended.getCount() == 0 && !isCancellation(t)) {
      throw new IllegalStateException("the posterior job failed: " + rootMessage(t), t);
    }
    err.println("sivistream run: stopped");
    err.flush();
    return 0;
  }

  /**
   * Fails early, with a message naming the address and the topics, when Kafka cannot be reached
   * or the job's input topics are missing (the Kafka source would otherwise retry silently).
   */
  static void checkKafka(PosteriorJobConfig config) {
    checkKafka(config.bootstrapServers(), config.kafkaProperties(), "job config",
        List.of(config.observationsTopic(), config.modelsTopic(), config.summariesTopic(),
            config.drawsTopic(), config.deadLettersTopic()));
  }

  /**
   * Fails early, with a message naming the address and the topics, when Kafka at
   * {@code bootstrap} cannot be reached or lacks one of {@code needed}.
   *
   * @param configName how the user's config file is called in messages ("job config")
   */
  static void checkKafka(String bootstrap, Map<String, String> kafkaProperties,
      String configName, List<String> needed) {
    Properties p = new Properties();
    p.putAll(kafkaProperties);
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
        Integer.toString((int) KAFKA_CHECK_TIMEOUT.toMillis()));
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
        Integer.toString((int) KAFKA_CHECK_TIMEOUT.toMillis()));
    Set<String> topics;
    try (Admin admin = Admin.create(p)) {
      topics = admin.listTopics(new ListTopicsOptions().timeoutMs(
              (int) KAFKA_CHECK_TIMEOUT.toMillis())).names()
          .get(KAFKA_CHECK_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError("interrupted while checking Kafka at " + bootstrap);
    } catch (ExecutionException | TimeoutException | org.apache.kafka.common.KafkaException e) {
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      throw new UserError("cannot reach Kafka at " + bootstrap + " within "
          + KAFKA_CHECK_TIMEOUT.toSeconds() + " s (" + cause.getClass().getSimpleName()
          + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + "); check"
          + " bootstrapServers and the kafka client properties of the " + configName, e);
    }
    List<String> missing = new ArrayList<>();
    for (String t : needed) {
      if (!topics.contains(t)) {
        missing.add(t);
      }
    }
    if (!missing.isEmpty()) {
      throw new UserError("Kafka at " + bootstrap + " has no topic "
          + String.join(", ", missing) + "; create " + (missing.size() == 1 ? "it" : "them")
          + " (the models topic compacted) or name existing ones under 'topics:' in the "
          + configName);
    }
  }

  private static boolean isCancellation(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      String name = c.getClass().getSimpleName();
      if (name.contains("Cancel")) {
        return true;
      }
    }
    return false;
  }

  /** The innermost cause as "Type: message", for one-line reports of a failure. */
  static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName()
        + (root.getMessage() == null ? "" : ": " + root.getMessage());
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
