package io.sivistream.app.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import picocli.CommandLine;

/** Runs the CLI in-process and captures what it writes. */
record Cli(int status, String out, String err) {

  static Cli run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = Main.commandLine();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    int status = cmd.execute(args);
    return new Cli(status, out.toString(), err.toString());
  }

  /** The stderr lines, for "exactly one line" checks. */
  String[] errLines() {
    return err.isEmpty() ? new String[0] : err.split("\\R");
  }

  @Override
  public String toString() {
    return "status " + status + "\n--- stdout\n" + out + "--- stderr\n" + err + "--- stderr lines "
        + Arrays.toString(errLines());
  }
}
