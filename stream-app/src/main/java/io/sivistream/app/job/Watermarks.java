package io.sivistream.app.job;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/** Watermark strategies of the two sources. */
final class Watermarks {

  private Watermarks() {}

  /**
   * Observations: the observation's own event time, bounded out-of-orderness, idle partitions
   * ignored. Dead letters carry no event time (Long.MIN_VALUE), which never moves the watermark.
   */
  static WatermarkStrategy<ObservationInput> observations(Duration outOfOrderness,
      Duration idleness) {
    return WatermarkStrategy.<ObservationInput>forBoundedOutOfOrderness(outOfOrderness)
        .withTimestampAssigner((in, kafkaTs) -> in.row() != null
            ? in.row().eventTime() : Long.MIN_VALUE)
        .withIdleness(idleness);
  }

  /**
   * Model specs are settings, not events, and must not take part in the update operator's
   * watermark (the minimum over its active inputs). Their source reports itself idle for good:
   * an idle input is left out of the minimum. (A source that always reported the maximum
   * watermark would not do: while every observation partition is idle, the operator would follow
   * that maximum and close every open window at once.)
   */
  static WatermarkStrategy<SpecInput> specs() {
    return WatermarkStrategy.<SpecInput>forGenerator(ctx -> new AlwaysIdle())
        .withTimestampAssigner((in, kafkaTs) -> Long.MIN_VALUE);
  }

  private static final class AlwaysIdle implements WatermarkGenerator<SpecInput> {
    @Override
    public void onEvent(SpecInput event, long eventTimestamp, WatermarkOutput output) {}

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
      output.markIdle();
    }
  }
}
