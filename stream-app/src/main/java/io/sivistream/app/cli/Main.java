package io.sivistream.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code sivistream} command: keeps Bayesian posteriors current on event streams with SIVI-SM.
 * Subcommands are registered in the {@code @Command} annotation below.
 *
 * <p>Usage: {@code sivistream fit --spec spec.yaml --data data.csv --draws-out draws.csv}. Tests run
 * commands in-process with {@link #commandLine()} and {@code CommandLine.execute(args)}.
 */
@Command(name = "sivistream", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Streaming Bayesian posteriors by semi-implicit variational inference (SIVI-SM).",
    subcommands = {DemoCommand.class, FitCommand.class, ReplayCommand.class, HmcCommand.class, CompareCommand.class,
        RunCommand.class, ServeCommand.class, RegisterCommand.class, SendCommand.class, KafkaCommand.class,
        BenchCommand.class, CommandLine.HelpCommand.class},
    footer = {"", "Exit status: 0 success, 1 unexpected error, 2 usage or input error."})
public final class Main implements Runnable {

  @Spec
  CommandSpec spec;

  /** Read by the error handler from the raw arguments; declared here so that every command accepts it. */
  @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print the stack trace of any error.")
  boolean debug;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing command, e.g. 'sivistream fit'");
  }

  /** The command line with the project's error handling, writing to System.out / System.err. */
  public static CommandLine commandLine() {
    ErrorHandler errors = new ErrorHandler();
    return new CommandLine(new Main())
        .setExecutionExceptionHandler(errors)
        .setParameterExceptionHandler(errors)
        .setCaseInsensitiveEnumValuesAllowed(true);
  }

  public static void main(String[] args) {
    setDefault("java.awt.headless", "true");
    // ND4J and JavaCPP log their start-up at INFO; the CLI's own output is what users need to see
    setDefault("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    // the embedded Kafka broker and Flink cluster warn about things that are normal for a
    // single-node, in-process setup (metric name collisions, empty metadata log, ...)
    setDefault("org.slf4j.simpleLogger.log.org.apache.flink", "error");
    setDefault("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
    setDefault("org.slf4j.simpleLogger.log.kafka", "error");
    System.exit(commandLine().execute(args));
  }

  /**
   * Whether stderr is a terminal: the launcher passes {@code -Dsivistream.stderrTty}; without it,
   * a console on stdin/stdout is taken as a sign of an interactive session.
   */
  static boolean stderrIsTerminal() {
    String forced = System.getProperty("sivistream.stderrTty");
    return forced != null ? Boolean.parseBoolean(forced) : System.console() != null;
  }

  private static void setDefault(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }

  /** The engine's version and the git commit it was built from (model-core's EngineVersion). */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      io.sivistream.core.EngineVersion v = io.sivistream.core.EngineVersion.current();
      return new String[] {"sivistream " + v.version() + " (commit " + v.commit() + ")",
          "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
    }
  }
}
