/**
 * Avro single-object encoding of the contract's records, without a registry server: every
 * payload starts with the marker {@code C3 01} and the 8-byte little-endian CRC-64-AVRO
 * fingerprint of its writer schema, which {@link io.sivistream.schemas.codec.KnownSchemas} maps
 * back to a schema (current or historical) so that old payloads stay readable.
 *
 * <p>{@link io.sivistream.schemas.codec.AvroCodec} encodes and decodes; undecodable bytes raise a
 * {@link io.sivistream.schemas.codec.DecodeException} whose
 * {@link io.sivistream.schemas.codec.DecodeException.Kind kind} says why, and
 * {@link io.sivistream.schemas.codec.Decoded} carries either a value or that failure together
 * with the record's origin, for dead-letter routing. Nothing here imports Kafka or Flink.
 */
package io.sivistream.schemas.codec;
