package io.sivistream.app.job;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A trivial deterministic {@link WindowUpdater}: the state is the running count and sum of
 * labels; the summary reports the window mean and the running mean (and, after failed windows,
 * how many failed). Two JVM-wide switches inject faults (the MiniCluster runs in the test JVM):
 * {@link #FAIL_ONCE_AT} crashes the task once (an Error, as a lost JVM or native crash would),
 * {@link #POISON_AT} makes one window's update throw, as a poison window does.
 */
final class MeanUpdater implements WindowUpdater {

  private static final long serialVersionUID = 1L;
  /** model id to the window index at which the next update throws (once). */
  static final ConcurrentMap<String, Long> FAIL_ONCE_AT = new ConcurrentHashMap<>();
  /** model id to the window index whose update throws an exception (once). */
  static final ConcurrentMap<String, Long> POISON_AT = new ConcurrentHashMap<>();

  /** A task crash: not a failed update, so the job restarts from its last checkpoint. */
  static final class InjectedCrash extends Error {
    private static final long serialVersionUID = 1L;

    InjectedCrash(String message) {
      super(message);
    }
  }

  @Override
  public UpdateOutput update(String modelId, byte[] previousState, List<double[]> rows,
      List<Double> labels, String specYaml, long windowIndex) {
    if (FAIL_ONCE_AT.remove(modelId, windowIndex)) {
      throw new InjectedCrash("injected crash at window " + windowIndex);
    }
    if (POISON_AT.remove(modelId, windowIndex)) {
      throw new IllegalStateException("injected poison at window " + windowIndex);
    }
    return apply(modelId, previousState, labels, windowIndex);
  }

  @Override
  public UpdateOutput update(WindowInfo window, byte[] previousState, List<double[]> rows,
      List<Double> labels, String specYaml) {
    UpdateOutput o = update(window.modelId(), previousState, rows, labels, specYaml,
        window.index());
    if (window.failedWindows() == 0 && window.epoch() == 0 && window.rowsSeen() == 0) {
      return o;
    }
    String summary = new String(o.summary(), StandardCharsets.UTF_8)
        + (window.failedWindows() == 0 ? ""
            : " failed=" + window.failedWindows() + " (" + window.lastFailure() + ")")
        + (window.epoch() == 0 ? "" : " epoch=" + window.epoch())
        + (window.rowsSeen() == 0 ? "" : " sampled=" + labels.size() + " of " + window.rowsSeen());
    return new UpdateOutput(o.state(), bytes(summary), o.draws());
  }

  /** What an uninterrupted run publishes: the update applied window after window of windowRows labels. */
  static List<String> summaries(String model, List<Double> labels, int windowRows) {
    List<String> out = new java.util.ArrayList<>();
    byte[] state = null;
    for (int w = 0; (w + 1) * windowRows <= labels.size(); w++) {
      UpdateOutput o = apply(model, state, labels.subList(w * windowRows, (w + 1) * windowRows), w + 1);
      state = o.state();
      out.add(new String(o.summary(), StandardCharsets.UTF_8));
    }
    return out;
  }

  /** The update itself, also used by tests to compute what an uninterrupted run publishes. */
  static UpdateOutput apply(String modelId, byte[] previousState, List<Double> labels,
      long windowIndex) {
    long count = 0;
    double sum = 0;
    if (previousState != null) {
      String[] s = new String(previousState, StandardCharsets.UTF_8).split(";");
      count = Long.parseLong(s[0]);
      sum = Double.parseDouble(s[1]);
    }
    double windowSum = labels.stream().mapToDouble(Double::doubleValue).sum();
    count += labels.size();
    sum += windowSum;
    String state = count + ";" + sum;
    String summary = String.format(Locale.ROOT, "%s v=%d n=%d mean=%.6f total=%d cumMean=%.6f",
        modelId, windowIndex, labels.size(), windowSum / labels.size(), count, sum / count);
    String draws = modelId + " v=" + windowIndex + " draws";
    return new UpdateOutput(bytes(state), bytes(summary), bytes(draws));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
