package io.sivistream.app.job;

/**
 * A record for the exactly-once Kafka sink; one sink (one transaction per checkpoint) writes
 * summaries, draws and dead letters.
 *
 * @param topic    target topic
 * @param key      key bytes (model id as UTF-8), may be null
 * @param value    value bytes
 * @param version  posterior version for the {@code sivistream.version} header, or -1 for none
 * @param lateRows late rows of the window for the {@code sivistream.late-rows} header, or -1
 */
public record OutRecord(String topic, byte[] key, byte[] value, long version, long lateRows) {}
