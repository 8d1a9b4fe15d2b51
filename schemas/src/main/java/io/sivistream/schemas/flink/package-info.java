/**
 * Flink (de)serialization schemas over the same single-object codec as the Kafka serdes.
 *
 * <p>{@link io.sivistream.schemas.flink.AvroDeserializationSchema} throws on bad bytes;
 * {@link io.sivistream.schemas.flink.DecodingDeserializationSchema} and, for a {@code KafkaSource},
 * {@link io.sivistream.schemas.flink.DecodingKafkaDeserializer} never do: they emit
 * {@link io.sivistream.schemas.codec.Decoded} values so that the job can route failures to the
 * dead-letter topic. Produced types are flink-avro's {@code AvroTypeInfo} (Avro, not Kryo, for
 * network and state) and {@link io.sivistream.schemas.flink.DecodedTypeInfo}.
 */
package io.sivistream.schemas.flink;
