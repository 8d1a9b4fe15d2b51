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

  /** Called once before the first update. */
  default void open() throws Exception {}

  /** Called once at shutdown. */
  default void close() throws Exception {}
}
