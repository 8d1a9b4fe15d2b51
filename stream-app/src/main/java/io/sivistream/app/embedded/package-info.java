/**
 * Embedded runtime for laptops and integration tests: an in-process single-node Kafka broker
 * (KRaft, combined broker and controller, built from Kafka's own server classes) and a local Flink
 * MiniCluster. Both are real servers reachable over loopback sockets, not mocks.
 */
package io.sivistream.app.embedded;
