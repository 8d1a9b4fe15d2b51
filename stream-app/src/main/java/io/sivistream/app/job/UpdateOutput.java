package io.sivistream.app.job;

/**
 * Result of one {@link WindowUpdater#update}: the state for the next window and the encoded
 * records to publish.
 *
 * @param state   new posterior state bytes (kept in Flink keyed state), non-null
 * @param summary encoded posterior summary for the summaries topic, non-null
 * @param draws   encoded posterior draws for the draws topic, or null to publish none
 */
public record UpdateOutput(byte[] state, byte[] summary, byte[] draws) {

  public UpdateOutput {
    if (state == null) {
      throw new IllegalArgumentException("UpdateOutput.state must be non-null");
    }
    if (summary == null) {
      throw new IllegalArgumentException("UpdateOutput.summary must be non-null");
    }
  }
}
