package io.sivistream.app.job;

/**
 * What the job needs from one model definition on the compacted {@code models} topic.
 */
public interface ModelSpecLike {

  /** Model id; also the Kafka key. */
  String modelId();

  /** The full spec as YAML, handed unchanged to the {@link WindowUpdater}. */
  String specYaml();

  /** How windows of this model close. */
  WindowPolicy windowPolicy();

  /** Length d of every feature vector, or 0 when the job should not check it. */
  int featureCount();

  /**
   * True when this record retires the model (like a tombstone); then only {@link #modelId()} is
   * read.
   */
  default boolean deleted() {
    return false;
  }
}
