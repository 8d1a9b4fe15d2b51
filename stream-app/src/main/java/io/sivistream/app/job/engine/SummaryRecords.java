package io.sivistream.app.job.engine;

import io.sivistream.app.job.WindowInfo;
import io.sivistream.core.EngineVersion;
import io.sivistream.core.stream.WindowSummary;
import io.sivistream.core.summary.DrawSummary;
import io.sivistream.schemas.PosteriorDraws;
import io.sivistream.schemas.PosteriorSummary;
import io.sivistream.schemas.UpdateDiagnostics;
import io.sivistream.schemas.UpdateStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The engine's window results as the Avro records the job publishes. */
final class SummaryRecords {

  private SummaryRecords() {}

  /**
   * The summary record of one window.
   *
   * @param window    the job's view of the window: version, event-time bounds, late rows
   * @param s         the engine's summary (rows, marginal statistics, diagnostics)
   * @param createdAt when the update finished
   * @param specHash  the resolved spec's hash ({@link io.sivistream.core.spec.ModelSpec#hash})
   */
  static PosteriorSummary summary(WindowInfo window, WindowSummary s, Instant createdAt, String specHash) {
    DrawSummary st = s.stats();
    io.sivistream.core.stream.UpdateDiagnostics d = s.diagnostics();
    return PosteriorSummary.newBuilder()
        .setModelId(window.modelId())
        .setVersion(window.index())
        .setWindowStart(Instant.ofEpochMilli(window.windowStart()))
        .setWindowEnd(Instant.ofEpochMilli(window.windowEnd()))
        .setRowsInWindow(s.rowsInWindow())
        .setRowsTotal(s.rowsTotal())
        .setParameterNames(new ArrayList<>(st.names()))
        .setMean(list(st.mean()))
        .setSd(list(st.sd()))
        .setQ05(list(st.q05()))
        .setQ50(list(st.q50()))
        .setQ95(list(st.q95()))
        .setCorrelation(rowMajor(st.corr()))
        .setDiagnostics(UpdateDiagnostics.newBuilder()
            .setFinalLoss(d.finalLoss())
            .setCriticNorm(d.criticNorm())
            .setIterations(d.iterations())
            .setUpdateMillis(d.updateMillis())
            .setStatus(window.failedWindows() > 0 ? UpdateStatus.DEGRADED
                : UpdateStatus.valueOf(d.status().name()))
            .setLateRows(window.lateRows())
            .setFailedWindows(window.failedWindows())
            .setLastFailure(window.lastFailure())
            .setSampledRows(s.sampledRows())
            .setPriorKind(s.nextPrior().kind().wireName())
            .setModeGap(Double.isNaN(s.nextPrior().modeGap()) ? null : s.nextPrior().modeGap())
            .build())
        .setCreatedAt(createdAt)
        .setEngineVersion(EngineVersion.current().toString())
        .setSpecHash(specHash)
        .setEpoch(window.epoch())
        .build();
  }

  /** The draws record of one window: {@code draws} is [n][d] in the order of {@code names}. */
  static PosteriorDraws draws(WindowInfo window, List<String> names, double[][] draws,
      Instant createdAt) {
    List<List<Double>> rows = new ArrayList<>(draws.length);
    for (double[] row : draws) {
      rows.add(list(row));
    }
    return PosteriorDraws.newBuilder()
        .setModelId(window.modelId())
        .setVersion(window.index())
        .setParameterNames(new ArrayList<>(names))
        .setDraws(rows)
        .setCreatedAt(createdAt)
        .build();
  }

  private static List<Double> list(double[] values) {
    List<Double> out = new ArrayList<>(values.length);
    for (double v : values) {
      out.add(v);
    }
    return out;
  }

  private static List<Double> rowMajor(double[][] m) {
    List<Double> out = new ArrayList<>(m.length * m.length);
    for (double[] row : m) {
      for (double v : row) {
        out.add(v);
      }
    }
    return out;
  }
}
