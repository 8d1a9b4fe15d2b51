/**
 * The serving app: a Kafka Streams topology that keeps every model's latest posterior, its recent
 * history, its latest draws and its spec in queryable global stores, answers
 * {@code prediction-requests} on {@code predictions} (posterior-predictive summaries from
 * {@code io.sivistream.core.predict}), and an HTTP server with a JSON API, Prometheus metrics and
 * a live dashboard page.
 *
 * <p>Entry point: {@link io.sivistream.app.serving.ServingApp#start}. Every store is global (each
 * instance reads every partition of the posterior topics), so any instance answers any query;
 * the data are small, one posterior per model and version.
 */
package io.sivistream.app.serving;
