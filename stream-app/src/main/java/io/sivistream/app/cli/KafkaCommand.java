package io.sivistream.app.cli;

import io.sivistream.app.embedded.EmbeddedKafka;
import io.sivistream.app.embedded.TopicSpec;
import io.sivistream.app.demo.Demo;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sivistream kafka}: an embedded single-node Kafka broker for local development, with the
 * pipeline's topics, until Ctrl-C. Its data lives in a temporary folder deleted on exit.
 */
@Command(name = "kafka", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = {"Run an embedded Kafka broker (KRaft, single node) until Ctrl-C.",
        "Creates the pipeline's topics (observations, models (compacted), posterior-summaries,"
        + " posterior-draws, dead-letters, prediction-requests, predictions) unless --no-topics;"
        + " prints the bootstrap address on stdout. Its data is deleted on exit."},
    footer = {"", "Example:", "  sivistream kafka --port 9092 &",
        "  sivistream run --config job.yaml     # with bootstrapServers: 127.0.0.1:9092"})
final class KafkaCommand implements Callable<Integer> {

  private static final List<TopicSpec> TOPICS = Demo.TOPICS;

  @Spec
  CommandSpec spec;

  @Option(names = "--port", paramLabel = "K", defaultValue = "9092",
      description = "Broker port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 = any free port).")
  int port;

  @Option(names = "--no-topics", description = "Do not create the pipeline's topics.")
  boolean noTopics;

  @Option(names = "--seconds", paramLabel = "N",
      description = "Stop after N seconds (default: run until Ctrl-C).")
  Integer seconds;

  @Override
  public Integer call() throws Exception {
    if (port < 0 || port > 65535) {
      throw new ParameterException(spec.commandLine(), "--port must be in 0..65535, got " + port);
    }
    if (seconds != null && seconds < 1) {
      throw new ParameterException(spec.commandLine(), "--seconds must be >= 1, got " + seconds);
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    EmbeddedKafka kafka;
    try {
      kafka = EmbeddedKafka.start(port);
    } catch (IllegalStateException e) {
      throw portTaken(e, "--port");
    }
    try {
      if (!noTopics) {
        kafka.createTopics(TOPICS);
      }
    } catch (RuntimeException e) {
      kafka.close();
      throw e;
    }
    out.println(kafka.bootstrapServers());
    out.flush();
    err.println("sivistream kafka: broker at " + kafka.bootstrapServers()
        + (noTopics ? "" : " with topics " + TOPICS.stream().map(TopicSpec::name).toList())
        + "; Ctrl-C stops it and deletes its data");
    err.flush();
    UntilStopped.await(seconds, kafka);
    err.println("sivistream kafka: stopped");
    err.flush();
    return 0;
  }

  /**
   * A failed broker start: a taken port is the user's to fix (one line, exit 2); anything else is
   * unexpected.
   */
  static RuntimeException portTaken(IllegalStateException e, String option) {
    String m = e.getMessage();
    if (m != null && m.startsWith("cannot bind")) {
      return new UserError(m + " (" + option + ")", e);
    }
    return e;
  }
}
