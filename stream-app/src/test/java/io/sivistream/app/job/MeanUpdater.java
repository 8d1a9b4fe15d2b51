package io.sivistream.app.job;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A trivial deterministic {@link WindowUpdater}: the state is the running count and sum of
 * labels; the summary reports the window mean and the running mean. It can be told to throw once
 * at a given window of a given model, to inject a failure mid-stream (a static, JVM-wide switch:
 * the MiniCluster runs in the test JVM).
 */
final class MeanUpdater implements WindowUpdater {

  private static final long serialVersionUID = 1L;
  /** model id to the window index at which the next update throws (once). */
  static final ConcurrentMap<String, Long> FAIL_ONCE_AT = new ConcurrentHashMap<>();

  @Override
  public UpdateOutput update(String modelId, byte[] previousState, List<double[]> rows,
      List<Double> labels, String specYaml, long windowIndex) {
    if (FAIL_ONCE_AT.remove(modelId, windowIndex)) {
      throw new IllegalStateException("injected failure at window " + windowIndex);
    }
    return apply(modelId, previousState, labels, windowIndex);
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
