package io.sivistream.app.job;

/**
 * A decoded, validated observation as it flows through the job (Flink serializes it as a record
 * type, no Kryo).
 *
 * @param modelId   key of the stream
 * @param eventTime epoch milliseconds
 * @param features  length-d feature vector
 * @param label     label
 * @param origin    Kafka origin, for dead letters raised downstream
 */
public record ObservationRow(String modelId, long eventTime, double[] features, double label,
    RecordOrigin origin) {}
