package io.sivistream.app.job;

import io.sivistream.app.job.state.BufferedRowSerializer;
import io.sivistream.app.job.state.SpecUpdateSerializer;
import io.sivistream.app.job.state.WindowProgressSerializer;
import io.sivistream.schemas.DeadLetterCause;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.externalresource.ExternalResourceInfo;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.api.common.typeutils.base.array.BytePrimitiveArraySerializer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The update operator: per model id, buffers the open window's rows in keyed state, closes
 * windows by row count or by event time, runs the {@link WindowUpdater} and emits the result.
 * Model specs arrive on the broadcast input.
 *
 * <p>Event-time windows are fixed, epoch-aligned intervals [k·W, (k+1)·W). A window closes when
 * the watermark reaches its last millisecond (an event-time timer). A row whose window has
 * already closed is late: it goes into the current open window (the one holding watermark + 1),
 * is counted, and is never dropped. Rows of a model whose spec has not arrived yet wait in the
 * buffer (specs and observations are read concurrently, so a spec can arrive after its first
 * rows); if none arrives within {@code unknownModelTimeoutMs} they become dead letters.
 */
final class PosteriorUpdateFunction
    extends KeyedBroadcastProcessFunction<String, ObservationRow, SpecUpdate, WindowResult> {

  /** Broadcast state: model id to its current spec. */
  static final MapStateDescriptor<String, SpecUpdate> SPECS = new MapStateDescriptor<>(
      "model-specs", StringSerializer.INSTANCE, new SpecUpdateSerializer());
  /** Side output for rows that cannot be used (wrong dimension, unknown model). */
  private static final Logger LOG = LoggerFactory.getLogger(PosteriorUpdateFunction.class);

  static final OutputTag<DeadLetter> DEAD_LETTERS =
      new OutputTag<>("update-dead-letters", TypeInformation.of(DeadLetter.class));
  /** How often rows of an unknown model re-check whether its spec arrived. */
  static final long SPEC_RECHECK_MS = 200;
  private static final long serialVersionUID = 1L;

  private final WindowUpdater updater;
  private final long unknownModelTimeoutMs;
  private final long maxBufferedValues;

  private transient ListState<BufferedRow> buffer;
  private transient ValueState<byte[]> posterior;
  private transient ValueState<WindowProgress> progress;
  private transient MapState<Long, Long> sampleThresholds;
  private transient MapState<Long, Long> keptRows;
  private transient MapState<Long, Long> droppedRows;
  private transient Counter rowsSampledOut;
  private transient Counter lateRows;
  private transient Counter windowsClosed;
  private transient Counter deadLetters;
  private transient Counter failedUpdates;

  PosteriorUpdateFunction(WindowUpdater updater, long unknownModelTimeoutMs, long maxBufferedValues) {
    this.updater = updater;
    this.unknownModelTimeoutMs = unknownModelTimeoutMs;
    this.maxBufferedValues = maxBufferedValues;
  }

  // every state has a serializer with a format version (job.state): savepoints survive releases
  static ListStateDescriptor<BufferedRow> bufferState() {
    return new ListStateDescriptor<>("window-rows", new BufferedRowSerializer());
  }

  /** The updater's own bytes (for the engine, PosteriorStateCodec: versioned itself). */
  static ValueStateDescriptor<byte[]> posteriorState() {
    return new ValueStateDescriptor<>("posterior-state", BytePrimitiveArraySerializer.INSTANCE);
  }

  static ValueStateDescriptor<WindowProgress> progressState() {
    return new ValueStateDescriptor<>("window-progress", new WindowProgressSerializer());
  }

  // WindowSampling's bookkeeping, by the start of the window a row's event time falls in
  /** Rows whose key is below it stay in the buffer; absent while a window keeps every row. */
  static MapStateDescriptor<Long, Long> sampleThresholdsState() {
    return new MapStateDescriptor<>("sample-thresholds", LongSerializer.INSTANCE, LongSerializer.INSTANCE);
  }

  /** Rows in the buffer. */
  static MapStateDescriptor<Long, Long> keptRowsState() {
    return new MapStateDescriptor<>("rows-kept", LongSerializer.INSTANCE, LongSerializer.INSTANCE);
  }

  /** Rows the sample left out. */
  static MapStateDescriptor<Long, Long> droppedRowsState() {
    return new MapStateDescriptor<>("rows-sampled-out", LongSerializer.INSTANCE, LongSerializer.INSTANCE);
  }

  @Override
  public void open(OpenContext openContext) throws Exception {
    buffer = getRuntimeContext().getListState(bufferState());
    posterior = getRuntimeContext().getState(posteriorState());
    progress = getRuntimeContext().getState(progressState());
    sampleThresholds = getRuntimeContext().getMapState(sampleThresholdsState());
    keptRows = getRuntimeContext().getMapState(keptRowsState());
    droppedRows = getRuntimeContext().getMapState(droppedRowsState());
    var metrics = getRuntimeContext().getMetricGroup();
    lateRows = metrics.counter("lateRows");
    windowsClosed = metrics.counter("windowsClosed");
    deadLetters = metrics.counter("deadLetters");
    failedUpdates = metrics.counter("failedUpdates");
    rowsSampledOut = metrics.counter("rowsSampledOut");
    List<String> gpus = new ArrayList<>();
    for (ExternalResourceInfo gpu
        : getRuntimeContext().getExternalResourceInfos(TaskResources.GPU_RESOURCE)) {
      gpu.getProperty("index").ifPresent(gpus::add);
    }
    updater.open(new TaskResources(
        getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(), gpus));
  }

  @Override
  public void close() throws Exception {
    updater.close();
  }

  @Override
  public void processBroadcastElement(SpecUpdate spec, Context ctx, Collector<WindowResult> out)
      throws Exception {
    if (spec.deleted()) {
      ctx.getBroadcastState(SPECS).remove(spec.modelId());
      retire(spec.modelId(), ctx);
    } else {
      ctx.getBroadcastState(SPECS).put(spec.modelId(), spec);
    }
  }

  /**
   * A deleted model (tombstone on models): its posterior and buffered rows go (the rows to dead
   * letters, so nothing is lost silently), it publishes nothing more, and a later registration of
   * the same id starts over at version 1 in the next epoch, which its summaries carry. Every
   * parallel instance gets the tombstone and clears the model where it holds its state.
   */
  private void retire(String modelId, Context ctx) throws Exception {
    byte[] key = modelId.getBytes(StandardCharsets.UTF_8);
    ctx.applyToKeyedState(bufferState(), (k, rows) -> {
      if (k.equals(modelId)) {
        for (BufferedRow r : rows.get()) {
          deadLetters.inc();
          ctx.output(DEAD_LETTERS, new DeadLetter("model '" + modelId + "' was deleted (a"
              + " tombstone on the models topic) before this row's window closed", r.origin(),
              key, null, DeadLetterCause.UNKNOWN_MODEL));
        }
        rows.clear();
      }
    });
    ctx.applyToKeyedState(posteriorState(), (k, state) -> {
      if (k.equals(modelId)) {
        state.clear();
      }
    });
    for (MapStateDescriptor<Long, Long> sampling
        : List.of(sampleThresholdsState(), keptRowsState(), droppedRowsState())) {
      ctx.applyToKeyedState(sampling, (k, state) -> {
        if (k.equals(modelId)) {
          state.clear();
        }
      });
    }
    ctx.applyToKeyedState(progressState(), (k, state) -> {
      if (k.equals(modelId) && state.value() != null) {
        WindowProgress next = new WindowProgress();
        next.epoch = state.value().epoch + 1;
        state.update(next);
      }
    });
    LOG.info("model '{}' deleted: state cleared, buffered rows sent to dead letters", modelId);
  }

  @Override
  public void processElement(ObservationRow row, ReadOnlyContext ctx,
      Collector<WindowResult> out) throws Exception {
    SpecUpdate spec = ctx.getBroadcastState(SPECS).get(row.modelId());
    if (spec != null && spec.featureCount() > 0 && row.features().length != spec.featureCount()) {
      deadLetter(ctx, "wrong dimension: model '" + row.modelId() + "' expects "
          + spec.featureCount() + " features, got " + row.features().length, row.origin(),
          DeadLetterCause.WRONG_DIMENSION);
      return;
    }
    if (spec != null) {
      String reason = updater.rejectRow(row.modelId(), spec.specYaml(), row.features(),
          row.label());
      if (reason != null) {
        deadLetter(ctx, reason, row.origin(), DeadLetterCause.REJECTED_ROW);
        return;
      }
    }
    WindowProgress p = loadProgress();
    if (spec != null && !p.admittedUnder(spec)) {
      admitBuffered(spec, ctx, p, out);
    }
    BufferedRow buffered = new BufferedRow(row.eventTime(), row.features(), row.label(), row.origin());
    long keptInWindow = spec != null && !spec.byRows() ? admitToSample(buffered, spec.windowMillis()) : 0;
    if (keptInWindow < 0) {
      scheduleTimeWindow(row.eventTime(), spec.windowMillis(), ctx, p);
      progress.update(p);
      return;
    }
    buffer.add(buffered);
    p.bufferedRows++;
    if (spec == null) {
      waitForSpec(ctx, p);
    } else if (spec.byRows()) {
      closeRowWindows(spec, ctx, p, out);
    } else {
      scheduleTimeWindow(row.eventTime(), spec.windowMillis(), ctx, p);
      compactIfFull(row.eventTime(), keptInWindow, row.features().length, spec.windowMillis(), p);
    }
    progress.update(p);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<WindowResult> out)
      throws Exception {
    WindowProgress p = loadProgress();
    SpecUpdate spec = ctx.getBroadcastState(SPECS).get(ctx.getCurrentKey());
    if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
      onSpecRecheck(spec, ctx, p, out);
    } else if (spec != null && !spec.byRows() && p.bufferedRows > 0) {
      closeTimeWindow(timestamp + 1, spec, ctx, p, out);
    }
    progress.update(p);
  }

  private WindowProgress loadProgress() throws Exception {
    WindowProgress p = progress.value();
    return p != null ? p : new WindowProgress();
  }

  /** Schedules, for a newly known or changed policy, what the buffered rows need. */
  private void admitBuffered(SpecUpdate spec, ReadOnlyContext ctx, WindowProgress p,
      Collector<WindowResult> out) throws Exception {
    p.admittedRows = spec.windowRows();
    p.admittedMillis = spec.windowMillis();
    p.waitingSince = WindowProgress.NONE;
    if (p.bufferedRows == 0) {
      return;
    }
    dropUnusableBuffered(spec, ctx, p);
    if (spec.byRows()) {
      closeRowWindows(spec, ctx, p, out);
    } else {
      for (BufferedRow r : buffer.get()) {
        scheduleTimeWindow(r.eventTime(), spec.windowMillis(), ctx, p);
      }
    }
  }

  /**
   * Rows that waited for their spec were buffered unchecked: the ones the spec rules out (wrong
   * dimension, rejected by the updater) become dead letters now.
   */
  private void dropUnusableBuffered(SpecUpdate spec, ReadOnlyContext ctx, WindowProgress p)
      throws Exception {
    List<BufferedRow> kept = new ArrayList<>();
    boolean dropped = false;
    for (BufferedRow r : buffer.get()) {
      boolean wrongDimension =
          spec.featureCount() > 0 && r.features().length != spec.featureCount();
      String reason = wrongDimension
          ? "wrong dimension: model '" + spec.modelId() + "' expects " + spec.featureCount()
              + " features, got " + r.features().length
          : updater.rejectRow(spec.modelId(), spec.specYaml(), r.features(), r.label());
      if (reason == null) {
        kept.add(r);
      } else {
        deadLetter(ctx, reason, r.origin(), wrongDimension ? DeadLetterCause.WRONG_DIMENSION
            : DeadLetterCause.REJECTED_ROW);
        dropped = true;
      }
    }
    if (dropped) {
      buffer.update(kept);
      p.bufferedRows = kept.size();
    }
  }

  private void closeRowWindows(SpecUpdate spec, ReadOnlyContext ctx, WindowProgress p,
      Collector<WindowResult> out)
      throws Exception {
    int n = spec.windowRows();
    if (p.bufferedRows < n) {
      return;
    }
    List<BufferedRow> all = new ArrayList<>();
    buffer.get().forEach(all::add);
    int from = 0;
    while (all.size() - from >= n) {
      List<BufferedRow> window = all.subList(from, from + n);
      runUpdate(spec, window, window.get(0).eventTime(), window.get(n - 1).eventTime(), 0, ctx, p,
          out);
      from += n;
    }
    buffer.update(new ArrayList<>(all.subList(from, all.size())));
    p.bufferedRows = all.size() - from;
  }

  /**
   * Admits a row of a time window to the buffer's sample (WindowSampling) when its key is below
   * its window's threshold, and returns how many rows its window then keeps; -1 when the row is
   * left out (it is counted for its window, whose update weighs the kept rows by seen / kept).
   */
  private long admitToSample(BufferedRow r, long w) throws Exception {
    long start = windowStart(r.eventTime(), w);
    Long threshold = sampleThresholds.get(start);
    if (threshold == null || WindowSampling.key(r.origin(), r.features(), r.eventTime()) < threshold) {
      long kept = count(keptRows, start) + 1;
      keptRows.put(start, kept);
      return kept;
    }
    droppedRows.put(start, count(droppedRows, start) + 1);
    rowsSampledOut.inc();
    return -1;
  }

  private static long windowStart(long eventTime, long w) {
    return Math.floorDiv(eventTime, w) * w;
  }

  private static long count(MapState<Long, Long> counts, long start) throws Exception {
    Long c = counts.get(start);
    return c == null ? 0 : c;
  }

  /**
   * When the row's window holds more than twice the cap, lowers its threshold so that the cap's
   * worth of its rows stays; the rest of the buffer (other windows) is untouched.
   */
  private void compactIfFull(long eventTime, long keptInWindow, int features, long w, WindowProgress p)
      throws Exception {
    int cap = WindowSampling.cap(features, maxBufferedValues);
    if (keptInWindow <= 2L * cap) {
      return;
    }
    long start = windowStart(eventTime, w);
    List<BufferedRow> all = new ArrayList<>();
    List<BufferedRow> window = new ArrayList<>();
    for (BufferedRow r : buffer.get()) {
      all.add(r);
      if (windowStart(r.eventTime(), w) == start) {
        window.add(r);
      }
    }
    long threshold = WindowSampling.compactionThreshold(window, cap);
    List<BufferedRow> kept = new ArrayList<>(all.size());
    long removed = 0;
    for (BufferedRow r : all) {
      if (windowStart(r.eventTime(), w) == start
          && WindowSampling.key(r.origin(), r.features(), r.eventTime()) >= threshold) {
        removed++;
      } else {
        kept.add(r);
      }
    }
    buffer.update(kept);
    p.bufferedRows = kept.size();
    sampleThresholds.put(start, threshold);
    keptRows.put(start, keptInWindow - removed);
    droppedRows.put(start, count(droppedRows, start) + removed);
    rowsSampledOut.inc(removed);
  }

  /**
   * Rows the sample left out of windows starting before {@code end}; the sampling bookkeeping of
   * those windows is removed (they close now).
   */
  private long closeSampling(long end) throws Exception {
    removeBefore(sampleThresholds, end);
    removeBefore(keptRows, end);
    return removeBefore(droppedRows, end);
  }

  /** Removes the entries of windows starting before {@code end}; returns the sum of their values. */
  private static long removeBefore(MapState<Long, Long> byWindow, long end) throws Exception {
    long sum = 0;
    List<Long> done = new ArrayList<>();
    for (var e : byWindow.entries()) {
      if (e.getKey() < end) {
        sum += e.getValue();
        done.add(e.getKey());
      }
    }
    for (Long k : done) {
      byWindow.remove(k);
    }
    return sum;
  }

  /** Registers the timer of the window a row goes to, counting it if it is late. */
  private void scheduleTimeWindow(long eventTime, long w, ReadOnlyContext ctx, WindowProgress p) {
    long watermark = ctx.timerService().currentWatermark();
    long start = windowStart(eventTime, w);
    if (watermark != Long.MIN_VALUE && start + w - 1 <= watermark) {
      // Its own window has closed: it joins the open window, the one holding watermark + 1.
      start = windowStart(watermark + 1, w);
      p.lateInWindow++;
      p.lateTotal++;
      lateRows.inc();
    }
    ctx.timerService().registerEventTimeTimer(start + w - 1);
  }

  /** Closes the window ending (exclusively) at {@code end}: every buffered row before it. */
  private void closeTimeWindow(long end, SpecUpdate spec, ReadOnlyContext ctx, WindowProgress p,
      Collector<WindowResult> out) throws Exception {
    List<BufferedRow> in = new ArrayList<>();
    List<BufferedRow> later = new ArrayList<>();
    for (BufferedRow r : buffer.get()) {
      (r.eventTime() < end ? in : later).add(r);
    }
    long dropped = closeSampling(end);
    if (in.isEmpty()) {
      return;
    }
    runUpdate(spec, in, end - spec.windowMillis(), end, dropped > 0 ? in.size() + dropped : 0, ctx, p, out);
    buffer.update(later);
    p.bufferedRows = later.size();
  }

  private void waitForSpec(ReadOnlyContext ctx, WindowProgress p) {
    long now = ctx.timerService().currentProcessingTime();
    if (p.waitingSince == WindowProgress.NONE) {
      p.waitingSince = now;
    }
    if (p.waitTimer == WindowProgress.NONE) {
      p.waitTimer = now + SPEC_RECHECK_MS;
      ctx.timerService().registerProcessingTimeTimer(p.waitTimer);
    }
  }

  private void onSpecRecheck(SpecUpdate spec, OnTimerContext ctx, WindowProgress p,
      Collector<WindowResult> out) throws Exception {
    p.waitTimer = WindowProgress.NONE;
    if (spec != null) {
      if (!p.admittedUnder(spec) || p.waitingSince != WindowProgress.NONE) {
        admitBuffered(spec, ctx, p, out);
      }
      return;
    }
    if (p.bufferedRows == 0) {
      p.waitingSince = WindowProgress.NONE;
      return;
    }
    long now = ctx.timerService().currentProcessingTime();
    if (p.waitingSince != WindowProgress.NONE && now - p.waitingSince >= unknownModelTimeoutMs) {
      for (BufferedRow r : buffer.get()) {
        deadLetter(ctx, "unknown model '" + ctx.getCurrentKey() + "': no spec arrived within "
            + unknownModelTimeoutMs + " ms", r.origin(), DeadLetterCause.UNKNOWN_MODEL);
      }
      buffer.clear();
      p.bufferedRows = 0;
      p.waitingSince = WindowProgress.NONE;
    } else {
      waitForSpec(ctx, p);
    }
  }

  /**
   * Runs one window's update. An update that throws (the updater reports non-finite results the
   * same way) fails only this model's window: its rows go to dead letters with the reason, the
   * model keeps its last good posterior and version, and its next published update says DEGRADED
   * with the count and the reason. Every other model, and this one's later windows, go on.
   */
  private void runUpdate(SpecUpdate spec, List<BufferedRow> rows, long start, long end, long rowsSeen,
      ReadOnlyContext ctx, WindowProgress p, Collector<WindowResult> out) throws Exception {
    long index = p.windowsDone + 1;
    List<double[]> x = new ArrayList<>(rows.size());
    List<Double> y = new ArrayList<>(rows.size());
    for (BufferedRow r : rows) {
      x.add(r.features());
      y.add(r.label());
    }
    UpdateOutput o;
    try {
      o = updater.update(new WindowInfo(spec.modelId(), index, start, end, p.lateInWindow,
          p.failedWindows, p.lastFailure == null ? "" : p.lastFailure, p.epoch, rowsSeen),
          posterior.value(), x, y, spec.specYaml());
    } catch (RuntimeException e) {
      String reason = "update of model '" + spec.modelId() + "' failed on a window of "
          + rows.size() + " rows (" + describe(e) + "); its rows are here, the model keeps its"
          + " posterior version " + p.windowsDone + " and goes on with the next window";
      LOG.warn(reason, e);
      for (BufferedRow r : rows) {
        deadLetter(ctx, reason, r.origin(), DeadLetterCause.FAILED_UPDATE);
      }
      failedUpdates.inc();
      p.failedWindows++;
      p.lastFailure = describe(e);
      p.lateInWindow = 0;
      return;
    }
    posterior.update(o.state());
    p.windowsDone = index;
    p.failedWindows = 0;
    p.lastFailure = "";
    out.collect(new WindowResult(spec.modelId(), index, start, end, rows.size(), p.lateInWindow,
        o.summary(), o.draws()));
    p.lateInWindow = 0;
    windowsClosed.inc();
  }

  /** An exception as one line: its type when it has no message. */
  private static String describe(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }

  private void deadLetter(ReadOnlyContext ctx, String reason, RecordOrigin origin,
      DeadLetterCause cause) {
    deadLetters.inc();
    ctx.output(DEAD_LETTERS, new DeadLetter(reason, origin,
        ctx.getCurrentKey().getBytes(StandardCharsets.UTF_8), null, cause));
  }
}
