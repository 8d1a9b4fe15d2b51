/**
 * The posterior job's record formats on the wire: decoders of the Avro {@code Observation} and
 * {@code ModelSpec} records (single-object encoding, {@link io.sivistream.schemas.codec.AvroCodec})
 * and the encoder of Avro {@code DeadLetter}s, plugged into
 * {@link io.sivistream.app.job.PosteriorJob.Builder}. Every problem with a record becomes an
 * {@link io.sivistream.app.job.InvalidRecordException} whose message is the dead letter's reason.
 */
package io.sivistream.app.job.avro;
