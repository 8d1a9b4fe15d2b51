package io.sivistream.app.serving;

import io.sivistream.schemas.DeadLetter;
import io.sivistream.schemas.DeadLetterCause;
import io.sivistream.schemas.ModelSpec;
import io.sivistream.schemas.PosteriorDraws;
import io.sivistream.schemas.PosteriorSummary;
import io.sivistream.schemas.codec.AvroCodec;
import io.sivistream.schemas.codec.Decoded;
import io.sivistream.schemas.codec.RecordOrigin;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processors that fill the global stores from the posterior topics. Kafka Streams also runs
 * them when it rebuilds a global store from its topic on start-up, so a store's content is a pure
 * function of its topic. Undecodable records are logged and counted, never fatal (global
 * processors cannot write dead letters).
 */
final class GlobalStores {

  private static final Logger LOG = LoggerFactory.getLogger(GlobalStores.class);

  private GlobalStores() {}

  /** Shared decoding: returns null (after logging and counting) for a record that does not decode. */
  private abstract static class Decoding<T extends org.apache.avro.specific.SpecificRecord>
      implements Processor<byte[], byte[], Void, Void> {
    private final AvroCodec<T> codec;
    private final ServingMetrics metrics;
    private final String storeName;
    ProcessorContext<Void, Void> context;

    Decoding(Class<T> type, String storeName, ServingMetrics metrics) {
      this.codec = AvroCodec.of(type);
      this.storeName = storeName;
      this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
      this.context = context;
    }

    <S> KeyValueStore<String, S> store() {
      return context.getStateStore(storeName);
    }

    /** The decoded value; null for a tombstone or a bad record (then {@link #tombstone} or a log line). */
    T decode(Record<byte[], byte[]> r) {
      RecordOrigin origin = context.recordMetadata()
          .map(m -> new RecordOrigin(m.topic(), m.partition(), m.offset()))
          .orElse(RecordOrigin.of(storeName));
      if (r.value() == null) {
        if (r.key() != null) {
          tombstone(new String(r.key(), StandardCharsets.UTF_8));
        }
        return null;
      }
      Decoded<T> d = codec.tryDecode(r.value(), origin, r.key());
      if (!d.isOk()) {
        metrics.badRecord(origin.topic());
        LOG.warn("serving: skipping an unreadable record at {}-{}@{}: {}", origin.topic(),
            origin.partition(), origin.offset(), d.error());
        return null;
      }
      return d.value();
    }

    abstract void tombstone(String modelId);

    @Override
    public void close() {}
  }

  /** models: the latest spec per model; a retired model ({@code deleted}) or a tombstone removes it. */
  static final class Models extends Decoding<ModelSpec> {
    Models(ServingMetrics metrics) {
      super(ModelSpec.class, StoreNames.MODELS, metrics);
    }

    @Override
    public void process(Record<byte[], byte[]> r) {
      ModelSpec spec = decode(r);
      if (spec == null) {
        return;
      }
      KeyValueStore<String, ModelSpec> store = store();
      if (spec.getDeleted()) {
        store.delete(spec.getModelId());
      } else {
        store.put(spec.getModelId(), spec);
      }
    }

    @Override
    void tombstone(String modelId) {
      this.<ModelSpec>store().delete(modelId);
    }
  }

  /**
   * dead-letters: the latest dead letter of a failed update per model (cause FAILED_UPDATE, key =
   * model id), so that /health can name a model whose windows fail before it ever publishes a
   * posterior. Other dead letters are not the serving app's concern.
   */
  static final class FailedUpdates extends Decoding<DeadLetter> {
    FailedUpdates(ServingMetrics metrics) {
      super(DeadLetter.class, StoreNames.FAILED_UPDATES, metrics);
    }

    @Override
    public void process(Record<byte[], byte[]> r) {
      DeadLetter d = decode(r);
      if (d != null && r.key() != null && DeadLetterCause.FAILED_UPDATE.name().equals(d.getCause())) {
        this.<DeadLetter>store().put(new String(r.key(), StandardCharsets.UTF_8), d);
      }
    }

    @Override
    void tombstone(String modelId) {
      // dead letters are never deleted
    }
  }

  /** posterior-draws: the latest draws per model. */
  static final class Draws extends Decoding<PosteriorDraws> {
    Draws(ServingMetrics metrics) {
      super(PosteriorDraws.class, StoreNames.DRAWS, metrics);
    }

    @Override
    public void process(Record<byte[], byte[]> r) {
      PosteriorDraws d = decode(r);
      if (d != null) {
        this.<PosteriorDraws>store().put(d.getModelId(), d);
      }
    }

    @Override
    void tombstone(String modelId) {
      this.<PosteriorDraws>store().delete(modelId);
    }
  }

  /**
   * posterior-summaries: every version under its own key, the last {@code historySize} per model.
   * A version 1 below the model's latest means the model was restarted: its old history goes.
   */
  static final class Summaries extends Decoding<PosteriorSummary> {
    private final int historySize;
    private final ServingMetrics metrics;

    Summaries(int historySize, ServingMetrics metrics) {
      super(PosteriorSummary.class, StoreNames.SUMMARIES, metrics);
      this.historySize = historySize;
      this.metrics = metrics;
    }

    @Override
    public void process(Record<byte[], byte[]> r) {
      PosteriorSummary s = decode(r);
      if (s == null) {
        return;
      }
      KeyValueStore<String, PosteriorSummary> store = store();
      String id = s.getModelId();
      List<String> keys = keys(store, id);
      if (s.getVersion() == 1 && !keys.isEmpty()
          && !keys.get(keys.size() - 1).equals(StoreNames.historyKey(id, 1))) {
        keys.forEach(store::delete);
        keys.clear();
      }
      String key = StoreNames.historyKey(id, s.getVersion());
      store.put(key, s);
      if (!keys.contains(key)) {
        keys.add(key);
        keys.sort(null);
      }
      for (int i = 0; i < keys.size() - historySize; i++) {
        store.delete(keys.get(i));
      }
      metrics.summaryRead(id);
    }

    @Override
    void tombstone(String modelId) {
      KeyValueStore<String, PosteriorSummary> store = store();
      keys(store, modelId).forEach(store::delete);
    }

    private static List<String> keys(KeyValueStore<String, PosteriorSummary> store, String id) {
      List<String> keys = new ArrayList<>();
      try (KeyValueIterator<String, PosteriorSummary> it =
          store.range(StoreNames.firstKey(id), StoreNames.lastKey(id))) {
        while (it.hasNext()) {
          KeyValue<String, PosteriorSummary> kv = it.next();
          keys.add(kv.key);
        }
      }
      return keys;
    }
  }
}
