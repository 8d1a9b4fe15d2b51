package io.sivistream.app.bench;

import io.sivistream.app.job.UpdateOutput;
import io.sivistream.app.job.WindowInfo;
import io.sivistream.app.job.WindowUpdater;
import io.sivistream.schemas.PosteriorSummary;
import io.sivistream.schemas.UpdateDiagnostics;
import io.sivistream.schemas.UpdateStatus;
import io.sivistream.schemas.codec.AvroCodec;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A stand-in for the engine, for {@code bench pipeline --update none}: each window publishes a
 * summary record of the right shape whose "mean" is the window's feature means (no inference), so
 * that the benchmark measures what Kafka, Flink, the window buffer and the exactly-once sink
 * carry by themselves. Not a posterior; never used outside the benchmark.
 */
final class WindowCountUpdater implements WindowUpdater {

  private static final long serialVersionUID = 1L;
  /**
   * Set to make the next update fail its task (the soak's task kill): the MiniCluster runs in
   * the benchmark's JVM, so the switch reaches the task, and an Error is not a poison window but
   * a task failure, which restarts the job from its last checkpoint.
   */
  static final java.util.concurrent.atomic.AtomicBoolean FAIL_NEXT_UPDATE =
      new java.util.concurrent.atomic.AtomicBoolean();
  private transient AvroCodec<PosteriorSummary> codec;

  /** The soak's injected task failure. */
  static final class InjectedTaskFailure extends Error {
    private static final long serialVersionUID = 1L;

    InjectedTaskFailure() {
      super("bench soak: injected task failure");
    }
  }

  @Override
  public UpdateOutput update(String modelId, byte[] previousState, List<double[]> rows,
      List<Double> labels, String specYaml, long windowIndex) {
    return update(new WindowInfo(modelId, windowIndex, 0, 0, 0), previousState, rows, labels,
        specYaml);
  }

  @Override
  public UpdateOutput update(WindowInfo window, byte[] previousState, List<double[]> rows,
      List<Double> labels, String specYaml) {
    long started = System.nanoTime();
    if (FAIL_NEXT_UPDATE.compareAndSet(true, false)) {
      throw new InjectedTaskFailure();
    }
    if (codec == null) {
      codec = AvroCodec.of(PosteriorSummary.class);
    }
    long inWindow = window.rowsSeen() > 0 ? window.rowsSeen() : rows.size();
    long total = (previousState == null ? 0 : ByteBuffer.wrap(previousState).getLong()) + inWindow;
    int d = rows.get(0).length;
    double[] mean = new double[d];
    for (double[] r : rows) {
      for (int j = 0; j < Math.min(d, r.length); j++) {
        mean[j] += r[j] / rows.size();
      }
    }
    List<Double> means = new ArrayList<>(d);
    for (double m : mean) {
      means.add(m);
    }
    List<Double> zeros = Collections.nCopies(d, 0.0);
    List<String> names = BenchModel.names().size() == d ? BenchModel.names()
        : Collections.nCopies(d, "x");
    PosteriorSummary s = PosteriorSummary.newBuilder()
        .setModelId(window.modelId())
        .setVersion(window.index())
        .setWindowStart(Instant.ofEpochMilli(window.windowStart()))
        .setWindowEnd(Instant.ofEpochMilli(window.windowEnd()))
        .setRowsInWindow(inWindow)
        .setRowsTotal(total)
        .setParameterNames(new ArrayList<>(names))
        .setMean(means)
        .setSd(zeros)
        .setQ05(means)
        .setQ50(means)
        .setQ95(means)
        .setCorrelation(Collections.nCopies(d * d, 0.0))
        .setDiagnostics(UpdateDiagnostics.newBuilder()
            .setFinalLoss(0)
            .setCriticNorm(0)
            .setIterations(0)
            .setUpdateMillis((System.nanoTime() - started) / 1_000_000)
            .setStatus(UpdateStatus.OK)
            .setLateRows(window.lateRows())
            .build())
        .setCreatedAt(Instant.now())
        .build();
    return new UpdateOutput(ByteBuffer.allocate(8).putLong(total).array(), codec.encode(s), null);
  }
}
