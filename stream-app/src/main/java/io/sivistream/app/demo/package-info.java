/**
 * The {@code sivistream demo}: an embedded Kafka broker, a local Flink cluster running the
 * posterior job, two synthetic regression streams with known true coefficients (one drifts), and
 * a printer of every posterior update next to the truth.
 */
package io.sivistream.app.demo;
