package io.sivistream.app.serving;

import io.sivistream.schemas.DeadLetter;
import io.sivistream.schemas.ModelSpec;
import io.sivistream.schemas.PosteriorDraws;
import io.sivistream.schemas.PosteriorSummary;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * A {@link PosteriorView} over the three global stores, found by name through {@code stores}:
 * from a running {@code KafkaStreams}, a processor context, or a {@code TopologyTestDriver}.
 */
final class StoreView implements PosteriorView {

  private final Function<String, ReadOnlyKeyValueStore<String, ?>> stores;

  StoreView(Function<String, ReadOnlyKeyValueStore<String, ?>> stores) {
    this.stores = stores;
  }

  @SuppressWarnings("unchecked")
  private <V> ReadOnlyKeyValueStore<String, V> store(String name) {
    return (ReadOnlyKeyValueStore<String, V>) stores.apply(name);
  }

  @Override
  public List<PosteriorSummary> latestAll() {
    List<PosteriorSummary> out = new ArrayList<>();
    try (KeyValueIterator<String, PosteriorSummary> it =
        this.<PosteriorSummary>store(StoreNames.SUMMARIES).all()) {
      PosteriorSummary last = null;
      while (it.hasNext()) {
        KeyValue<String, PosteriorSummary> kv = it.next();
        if (last != null && !last.getModelId().equals(kv.value.getModelId())) {
          out.add(last);
        }
        last = kv.value;
      }
      if (last != null) {
        out.add(last);
      }
    }
    return out;
  }

  @Override
  public Optional<PosteriorSummary> latest(String modelId) {
    try (KeyValueIterator<String, PosteriorSummary> it = this.<PosteriorSummary>store(
        StoreNames.SUMMARIES).reverseRange(StoreNames.firstKey(modelId),
        StoreNames.lastKey(modelId))) {
      return it.hasNext() ? Optional.of(it.next().value) : Optional.empty();
    }
  }

  @Override
  public List<PosteriorSummary> history(String modelId, int limit) {
    Deque<PosteriorSummary> newestFirst = new ArrayDeque<>();
    try (KeyValueIterator<String, PosteriorSummary> it = this.<PosteriorSummary>store(
        StoreNames.SUMMARIES).reverseRange(StoreNames.firstKey(modelId),
        StoreNames.lastKey(modelId))) {
      while (it.hasNext() && newestFirst.size() < limit) {
        newestFirst.addFirst(it.next().value);
      }
    }
    return new ArrayList<>(newestFirst);
  }

  @Override
  public Optional<PosteriorDraws> draws(String modelId) {
    return Optional.ofNullable(this.<PosteriorDraws>store(StoreNames.DRAWS).get(modelId));
  }

  @Override
  public Optional<ModelSpec> spec(String modelId) {
    return Optional.ofNullable(this.<ModelSpec>store(StoreNames.MODELS).get(modelId));
  }

  @Override
  public Optional<DeadLetter> lastFailedUpdate(String modelId) {
    return Optional.ofNullable(this.<DeadLetter>store(StoreNames.FAILED_UPDATES).get(modelId));
  }

  @Override
  public List<String> modelsWithFailedUpdates() {
    List<String> ids = new ArrayList<>();
    try (KeyValueIterator<String, ?> it = store(StoreNames.FAILED_UPDATES).all()) {
      it.forEachRemaining(kv -> ids.add(kv.key));
    }
    return ids;
  }

  @Override
  public List<String> modelIds() {
    TreeSet<String> ids = new TreeSet<>();
    try (KeyValueIterator<String, ?> it = store(StoreNames.MODELS).all()) {
      it.forEachRemaining(kv -> ids.add(kv.key));
    }
    latestAll().forEach(s -> ids.add(s.getModelId()));
    return new ArrayList<>(ids);
  }
}
