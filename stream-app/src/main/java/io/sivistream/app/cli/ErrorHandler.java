package io.sivistream.app.cli;

import io.sivistream.core.data.DataException;
import io.sivistream.core.spec.SpecException;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns exceptions into the CLI's error contract: user errors are one line on stderr and exit
 * status {@value #USER_ERROR}; anything else is reported with a hint to rerun with {@code --debug}
 * and exit status {@value #INTERNAL_ERROR}.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

  static final int USER_ERROR = 2;
  static final int INTERNAL_ERROR = 1;
  static final String PREFIX = "sivistream: ";

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    StringBuilder line = new StringBuilder(PREFIX).append(oneLine(ex.getMessage()));
    if (ex instanceof UnmatchedArgumentException u) {
      List<String> suggestions = u.getSuggestions();
      if (!suggestions.isEmpty()) {
        line.append("; did you mean ").append(String.join(" or ", suggestions)).append('?');
      }
    }
    line.append(" (see '").append(cmd.getCommandSpec().qualifiedName()).append(" --help')");
    PrintWriter err = cmd.getErr();
    err.println(line);
    if (debugRequested(args)) {
      ex.printStackTrace(err);
    }
    err.flush();
    return USER_ERROR;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    if (ex instanceof ParameterException p) {
      return handleParseException(p, parseResult.originalArgs().toArray(new String[0]));
    }
    PrintWriter err = cmd.getErr();
    boolean debug = debugRequested(parseResult.originalArgs().toArray(new String[0]));
    int status;
    if (isUserError(ex)) {
      err.println(PREFIX + oneLine(ex.getMessage()));
      status = USER_ERROR;
    } else {
      err.println(PREFIX + "unexpected error: " + oneLine(describe(ex))
          + (debug ? "" : " (rerun with --debug to see the stack trace)"));
      status = INTERNAL_ERROR;
    }
    if (debug) {
      ex.printStackTrace(err);
    }
    err.flush();
    return status;
  }

  static boolean isUserError(Throwable ex) {
    return ex instanceof UserError || ex instanceof SpecException || ex instanceof DataException;
  }

  /** True when --debug is among the arguments (before a literal "--", where options end). */
  private static boolean debugRequested(String[] args) {
    for (String a : args) {
      if (a.equals("--")) {
        return false;
      }
      if (a.equals("--debug")) {
        return true;
      }
    }
    return false;
  }

  private static String describe(Throwable ex) {
    String m = ex.getMessage();
    return ex.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
  }

  /** Messages from libraries may span lines; the contract is one line. */
  static String oneLine(String message) {
    if (message == null) {
      return "(no message)";
    }
    return message.strip().replaceAll("\\s*\\R\\s*", "; ");
  }
}
