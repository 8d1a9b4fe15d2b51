package io.sivistream.app.embedded;

/**
 * A topic to create on the embedded broker.
 *
 * @param name       topic name, non-blank
 * @param partitions number of partitions, at least 1
 * @param compacted  true for {@code cleanup.policy=compact} (latest value per key is kept, e.g. the
 *                   {@code models} topic); false for the default delete policy
 */
public record TopicSpec(String name, int partitions, boolean compacted) {

  public TopicSpec {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("topic name must be non-blank, got '" + name + "'");
    }
    if (partitions < 1) {
      throw new IllegalArgumentException(
          "partitions of topic '" + name + "' must be >= 1, got " + partitions);
    }
  }

  /** A topic with delete retention. */
  public static TopicSpec of(String name, int partitions) {
    return new TopicSpec(name, partitions, false);
  }

  /** A compacted topic: Kafka keeps at least the latest record of every key. */
  public static TopicSpec compacted(String name, int partitions) {
    return new TopicSpec(name, partitions, true);
  }
}
