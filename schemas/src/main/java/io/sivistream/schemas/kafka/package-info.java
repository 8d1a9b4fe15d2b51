/**
 * Kafka serdes for the contract's records ({@link io.sivistream.schemas.kafka.AvroSerdes}), in
 * Avro single-object encoding, usable by plain clients and by Kafka Streams.
 */
package io.sivistream.schemas.kafka;
