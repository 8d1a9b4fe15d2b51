package io.sivistream.app.job;

import java.io.Serializable;
import java.util.List;

/**
 * The streaming posterior update, as the job sees it: a pure function of the previous state and
 * one window of data. It must be deterministic given its arguments, so that a job restored from a
 * checkpoint republishes exactly what it would have published.
 *
 * <p>One instance per parallel operator instance; {@link #open()} runs before the first update
 * (load native libraries, build reusable objects), {@link #close()} at shutdown.
 */
public interface WindowUpdater extends Serializable {

  /**
   * Runs the update for one closed window.
   *
   * @param modelId       the model
   * @param previousState state bytes returned by the previous update; null for the first window
   * @param rows          the window's feature vectors, each of length d, in arrival order
   * @param labels        the window's labels, same order and size as {@code rows}
   * @param specYaml      the model's current spec
   * @param windowIndex   1 for the first window of the model, then 2, 3, ...; the version of the
   *                      published posterior
   * @return the new state and the records to publish
   */
  UpdateOutput update(String modelId, byte[] previousState, List<double[]> rows,
      List<Double> labels, String specYaml, long windowIndex);

  /**
   * Runs the update for one closed window, knowing its event-time bounds and late rows (for
   * updaters that publish them). The job calls this one; the default delegates to
   * {@link #update(String, byte[], List, List, String, long)}.
   *
   * @param window        the window: model, index (version), bounds, late rows
   * @param previousState state bytes returned by the previous update; null for the first window
   * @param rows          the window's feature vectors, in arrival order
   * @param labels        the window's labels, same order and size as {@code rows}
   * @param specYaml      the model's current spec
   */
  default UpdateOutput update(WindowInfo window, byte[] previousState, List<double[]> rows,
      List<Double> labels, String specYaml) {
    return update(window.modelId(), previousState, rows, labels, specYaml, window.index());
  }

  /**
   * Checks one row before it is buffered, so that rows the update cannot take (a label outside
   * the model's support, say) become dead letters instead of failing the update later.
   *
   * @return null when the row is usable, else the reason (the dead letter's text)
   */
  default String rejectRow(String modelId, String specYaml, double[] features, double label) {
    return null;
  }

  /** Called once before the first update. */
  default void open() throws Exception {}

  /**
   * Called once before the first update by the job, with the task's resources (its GPU, if the
   * task manager has any); the default ignores them and calls {@link #open()}.
   */
  default void open(TaskResources resources) throws Exception {
    open();
  }

  /** Called once at shutdown. */
  default void close() throws Exception {}
}
