package io.sivistream.app.serving;

import io.sivistream.schemas.kafka.AvroSerdes;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The serving app's Kafka Streams topology:
 * <pre>
 *   models              ─▶ global store "models"               (latest spec per model)
 *   posterior-summaries ─▶ global store "posterior-summaries"  (last N versions per model)
 *   posterior-draws     ─▶ global store "posterior-draws"      (latest draws per model)
 *   dead-letters        ─▶ global store "failed-updates"       (latest failed update per model)
 *   prediction-requests ─▶ PredictionJoin ─┬▶ predictions
 *                                          └▶ dead-letters
 * </pre>
 * Inputs are read as bytes and decoded in the processors, so an undecodable record is a dead
 * letter or a counted warning, never a stopped app. Stores are in memory: they are rebuilt from
 * the topics (through the same processors) on every start.
 */
public final class ServingTopology {

  private ServingTopology() {}

  /**
   * @param config  topic names and history size
   * @param metrics counters the processors update
   */
  public static Topology build(ServingConfig config, ServingMetrics metrics) {
    Topology t = new Topology();
    ByteArrayDeserializer bytes = new ByteArrayDeserializer();
    t.addGlobalStore(store(StoreNames.MODELS, AvroSerdes.modelSpec()), "models-source", bytes,
        bytes, config.modelsTopic(), "models-processor", () -> new GlobalStores.Models(metrics));
    t.addGlobalStore(store(StoreNames.SUMMARIES, AvroSerdes.posteriorSummary()),
        "summaries-source", bytes, bytes, config.summariesTopic(), "summaries-processor",
        () -> new GlobalStores.Summaries(config.historySize(), metrics));
    t.addGlobalStore(store(StoreNames.DRAWS, AvroSerdes.posteriorDraws()), "draws-source", bytes,
        bytes, config.drawsTopic(), "draws-processor", () -> new GlobalStores.Draws(metrics));
    t.addGlobalStore(store(StoreNames.FAILED_UPDATES, AvroSerdes.deadLetter()),
        "dead-letters-source", bytes, bytes, config.deadLettersTopic(), "failed-updates-processor",
        () -> new GlobalStores.FailedUpdates(metrics));

    Predictor predictor = new Predictor();
    t.addSource("requests-source", bytes, bytes, config.predictionRequestsTopic());
    t.addProcessor("prediction-join",
        () -> new PredictionJoin(predictor, metrics, config.predictionRequestsTopic()),
        "requests-source");
    ByteArraySerializer out = new ByteArraySerializer();
    t.addSink(PredictionJoin.PREDICTIONS, config.predictionsTopic(), out, out, "prediction-join");
    t.addSink(PredictionJoin.DEAD_LETTERS, config.deadLettersTopic(), out, out, "prediction-join");
    return t;
  }

  private static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Serde<V> values) {
    // global stores are rebuilt from their topic; a changelog would only duplicate it
    return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), values)
        .withLoggingDisabled();
  }
}
