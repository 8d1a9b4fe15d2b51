/**
 * Serializers of the job's keyed and broadcast state, each with a format version in every record
 * (see {@link io.sivistream.app.job.state.VersionedSerializer}).
 */
package io.sivistream.app.job.state;
