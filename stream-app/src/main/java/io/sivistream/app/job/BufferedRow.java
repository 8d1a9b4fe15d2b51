package io.sivistream.app.job;

/**
 * A row waiting in keyed state for its window to close.
 *
 * @param eventTime epoch ms
 * @param features  feature vector
 * @param label     label
 * @param origin    Kafka origin (for dead letters if the model never appears)
 */
public record BufferedRow(long eventTime, double[] features, double label, RecordOrigin origin) {}
