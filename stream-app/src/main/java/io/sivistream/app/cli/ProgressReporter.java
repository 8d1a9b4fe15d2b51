package io.sivistream.app.cli;

import io.sivistream.core.train.ProgressListener;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Reports the progress of a long run on stderr: {@code fit 1200/20000 (6%)  loss 3.21  512 it/s  ETA 0:37}.
 *
 * <p>On a terminal one line is rewritten in place (carriage return) at most five times a second;
 * otherwise (a log file, CI) a new line is printed each time another tenth of the work is done, so
 * logs stay short. Thread-safe: samplers may report from several chains.
 */
final class ProgressReporter implements ProgressListener {

  private static final double MIN_REDRAW_SECONDS = 0.2;

  private final PrintWriter err;
  private final String label;
  private final boolean terminal;
  private int lastTenth;
  private double lastDraw = Double.NEGATIVE_INFINITY;
  private int lastWidth;
  private boolean open;

  /**
   * @param err where to write (stderr)
   * @param label what is running, first word of each line ("fit", "hmc")
   * @param terminal true when err is a terminal: rewrite one line in place
   */
  ProgressReporter(PrintWriter err, String label, boolean terminal) {
    this.err = err;
    this.label = label;
    this.terminal = terminal;
  }

  @Override
  public synchronized void onProgress(int iteration, int total, double loss, double elapsedSeconds) {
    if (total <= 0) {
      return;
    }
    boolean last = iteration >= total;
    if (terminal) {
      if (!last && elapsedSeconds - lastDraw < MIN_REDRAW_SECONDS) {
        return;
      }
      lastDraw = elapsedSeconds;
      String line = line(iteration, total, loss, elapsedSeconds);
      // pad with blanks so that a shorter line fully covers the previous one
      err.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
      lastWidth = line.length();
      open = true;
    } else {
      int tenth = (int) Math.min(10, (long) iteration * 10 / total);
      if (tenth <= lastTenth) {
        return;
      }
      lastTenth = tenth;
      err.println(line(iteration, total, loss, elapsedSeconds));
    }
    err.flush();
  }

  /** Ends the in-place line so that later messages start on a fresh line. */
  synchronized void finish() {
    if (open) {
      err.println();
      err.flush();
      open = false;
    }
  }

  static String line(String label, int iteration, int total, double loss, double elapsedSeconds) {
    StringBuilder sb = new StringBuilder(label).append(' ').append(iteration).append('/').append(total)
        .append(" (").append((int) ((long) iteration * 100 / total)).append("%)");
    if (Double.isFinite(loss)) {
      sb.append("  loss ").append(String.format(Locale.ROOT, "%.4g", loss));
    }
    if (elapsedSeconds > 0 && iteration > 0) {
      double rate = iteration / elapsedSeconds;
      sb.append("  ").append(String.format(Locale.ROOT, rate >= 10 ? "%.0f" : "%.2g", rate)).append(" it/s");
      if (iteration < total) {
        sb.append("  ETA ").append(clock((total - iteration) / rate));
      } else {
        sb.append("  done in ").append(clock(elapsedSeconds));
      }
    }
    return sb.toString();
  }

  private String line(int iteration, int total, double loss, double elapsedSeconds) {
    return line(label, iteration, total, loss, elapsedSeconds);
  }

  /** Seconds as m:ss or h:mm:ss. */
  static String clock(double seconds) {
    long s = Math.round(seconds);
    long h = s / 3600;
    long m = s / 60 % 60;
    long sec = s % 60;
    return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, sec) : String.format(Locale.ROOT, "%d:%02d", m, sec);
  }
}
