package io.sivistream.app.serving;

import java.util.Locale;

/**
 * Names of the serving app's global stores, and the key layout of the history store: one entry
 * per model and version under {@code modelId + '\0' + version} (19 digits, zero-padded), so that
 * a model's versions sort in order and a prefix scan finds them all.
 */
final class StoreNames {

  /** Latest ModelSpec per model id. */
  static final String MODELS = "models";
  /** PosteriorSummary per (model, version), the last {@code historySize} versions of each model. */
  static final String SUMMARIES = "posterior-summaries";
  /** Latest PosteriorDraws per model id. */
  static final String DRAWS = "posterior-draws";
  /** The latest failed-update dead letter per model id (the job's FAILED_UPDATE). */
  static final String FAILED_UPDATES = "failed-updates";

  private static final char SEPARATOR = '\0';

  private StoreNames() {}

  /** The history key of one version. */
  static String historyKey(String modelId, long version) {
    return prefix(modelId) + String.format(Locale.ROOT, "%019d", Math.max(0, version));
  }

  /** The first history key of a model. */
  static String firstKey(String modelId) {
    return historyKey(modelId, 0);
  }

  /** The last possible history key of a model. */
  static String lastKey(String modelId) {
    return historyKey(modelId, Long.MAX_VALUE);
  }

  /** Everything before the version digits. */
  static String prefix(String modelId) {
    return modelId + SEPARATOR;
  }

  /** The model id of a history key. */
  static String modelOf(String historyKey) {
    return historyKey.substring(0, historyKey.lastIndexOf(SEPARATOR));
  }
}
