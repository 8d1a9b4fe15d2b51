package io.sivistream.app.cli;

import io.sivistream.app.serving.ServingApp;
import io.sivistream.app.serving.ServingConfig;
import io.sivistream.app.serving.TrueValues;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sivistream serve}: the Kafka Streams serving app with its HTTP API and dashboard, against
 * a real Kafka, until Ctrl-C.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = {"Serve the posteriors: HTTP API, Prometheus metrics, live dashboard, and the"
        + " prediction-requests -> predictions join.",
        "Reads posterior-summaries, posterior-draws and models into queryable stores; runs"
        + " until Ctrl-C. The config (YAML) needs only 'bootstrapServers'."},
    footer = {"", "Serve config keys [defaults]:",
        "  bootstrapServers  Kafka brokers, host:port,... (required)",
        "  applicationId     Kafka Streams application id [sivistream-serve]",
        "  http              {host, port, auth, tokenEnv} [127.0.0.1, 8080, none,",
        "                    SIVISTREAM_HTTP_TOKEN]; port 0 = any free port; auth predict",
        "                    or all: those routes need 'Authorization: Bearer <token>',",
        "                    the token read from the environment variable tokenEnv;",
        "                    tls: {keyStore: server.p12, passwordEnv} serves HTTPS",
        "  stateDir          Kafka Streams state folder [a temporary folder, deleted on exit]",
        "  historySize       versions kept per model for /history [200]",
        "  topics            {summaries, draws, models, predictionRequests, predictions,",
        "                    deadLetters} [posterior-summaries, posterior-draws, models,",
        "                    prediction-requests, predictions, dead-letters]",
        "  kafka             properties for every Kafka client, e.g. {security.protocol: SSL}",
        "", "Example:", "  sivistream serve --config serve.yaml",
        "  serve.yaml:  bootstrapServers: 127.0.0.1:9092",
        "               http: {port: 8080}"})
final class ServeCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--config", required = true, paramLabel = "C.yaml",
      description = "Serve configuration (YAML).")
  Path configFile;

  @Option(names = "--seconds", paramLabel = "N",
      description = "Stop after N seconds (default: run until Ctrl-C).")
  Integer seconds;

  @Override
  public Integer call() throws Exception {
    if (seconds != null && seconds < 1) {
      throw new ParameterException(spec.commandLine(), "--seconds must be >= 1, got " + seconds);
    }
    PrintWriter err = spec.commandLine().getErr();
    ServingConfig config = ServeConfigFile.load(configFile);
    RunCommand.checkKafka(config.bootstrapServers(), config.kafkaProperties(), "serve config",
        List.of(config.summariesTopic(), config.drawsTopic(), config.modelsTopic(),
            config.predictionRequestsTopic(), config.predictionsTopic(),
            config.deadLettersTopic()));
    ServingApp app;
    try {
      app = ServingApp.start(config, TrueValues.NONE);
    } catch (IOException e) {
      throw new UserError(configFile + ": " + e.getMessage(), e);
    }
    err.println("sivistream serve: dashboard and API at " + app.url() + " (reading "
        + config.summariesTopic() + " at " + config.bootstrapServers() + "); Ctrl-C stops it");
    err.flush();
    UntilStopped.await(seconds, app);
    err.println("sivistream serve: stopped");
    err.flush();
    return 0;
  }
}
