package io.sivistream.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class ErrorHandlerTest {

  @Command(name = "boom")
  static final class Boom implements Runnable {
    @Option(names = "--debug")
    boolean debug;

    @Option(names = "--kind")
    String kind = "bug";

    @Override
    public void run() {
      switch (kind) {
        case "user" -> throw new UserError("bad thing\nsecond line");
        default -> throw new IllegalStateException("invariant broken");
      }
    }
  }

  private static String[] run(int[] status, String... args) {
    ErrorHandler h = new ErrorHandler();
    StringWriter err = new StringWriter();
    CommandLine cmd = new CommandLine(new Boom()).setExecutionExceptionHandler(h).setParameterExceptionHandler(h);
    cmd.setErr(new PrintWriter(err, true));
    status[0] = cmd.execute(args);
    return err.toString().split("\\R");
  }

  @Test
  void unexpectedErrorsGiveStatusOneAndTheDebugHint() {
    int[] status = new int[1];
    String[] lines = run(status);
    assertThat(status[0]).isEqualTo(1);
    assertThat(lines).containsExactly(
        "sivistream: unexpected error: IllegalStateException: invariant broken (rerun with --debug to see the stack trace)");
  }

  @Test
  void debugPrintsTheStackTrace() {
    int[] status = new int[1];
    String[] lines = run(status, "--debug");
    assertThat(status[0]).isEqualTo(1);
    assertThat(lines[0]).isEqualTo("sivistream: unexpected error: IllegalStateException: invariant broken");
    assertThat(lines[1]).startsWith("java.lang.IllegalStateException: invariant broken");
    assertThat(lines.length).isGreaterThan(3);
  }

  @Test
  void userErrorsAreFoldedIntoOneLine() {
    int[] status = new int[1];
    assertThat(run(status, "--kind", "user")).containsExactly("sivistream: bad thing; second line");
    assertThat(status[0]).isEqualTo(2);
  }
}
