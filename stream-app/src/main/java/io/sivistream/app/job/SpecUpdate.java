package io.sivistream.app.job;

/**
 * A model definition (or its deletion) as broadcast to every update operator.
 *
 * @param modelId      model id
 * @param specYaml     spec text for the updater; null when deleted
 * @param windowRows   rows per window, or 0 for event-time windows
 * @param windowMillis event-time window length in ms, or 0 for row-count windows
 * @param featureCount expected feature vector length, 0 = unchecked
 * @param deleted      true for a tombstone: the model is removed
 */
public record SpecUpdate(String modelId, String specYaml, int windowRows, long windowMillis,
    int featureCount, boolean deleted) {

  static SpecUpdate of(ModelSpecLike spec) {
    WindowPolicy w = spec.windowPolicy();
    return new SpecUpdate(spec.modelId(), spec.specYaml(), w.rows(),
        w.byRows() ? 0 : w.duration().toMillis(), spec.featureCount(), false);
  }

  static SpecUpdate deletion(String modelId) {
    return new SpecUpdate(modelId, null, 0, 0, 0, true);
  }

  boolean byRows() {
    return windowRows > 0;
  }
}
