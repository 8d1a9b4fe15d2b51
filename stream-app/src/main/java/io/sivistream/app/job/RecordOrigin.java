package io.sivistream.app.job;

/**
 * Where a Kafka record came from.
 *
 * @param topic     source topic
 * @param partition source partition
 * @param offset    offset in that partition
 */
public record RecordOrigin(String topic, int partition, long offset) {

  @Override
  public String toString() {
    return topic + "-" + partition + "@" + offset;
  }
}
