package io.sivistream.app.serving;

import io.sivistream.schemas.DeadLetter;
import io.sivistream.schemas.ModelSpec;
import io.sivistream.schemas.PosteriorDraws;
import io.sivistream.schemas.PosteriorSummary;
import java.util.List;
import java.util.Optional;

/** Read access to what the serving app has materialised; the HTTP API and the prediction join read through it. */
public interface PosteriorView {

  /** The latest posterior summary of every model, ordered by model id. */
  List<PosteriorSummary> latestAll();

  /** The latest posterior summary of a model. */
  Optional<PosteriorSummary> latest(String modelId);

  /** Up to {@code limit} most recent summaries of a model, oldest first. */
  List<PosteriorSummary> history(String modelId, int limit);

  /** The latest draws of a model. */
  Optional<PosteriorDraws> draws(String modelId);

  /** The current spec of a model (absent when unknown or retired). */
  Optional<ModelSpec> spec(String modelId);

  /**
   * The latest dead letter of a failed update of a model (its window's update threw or produced
   * non-finite numbers), if any.
   */
  Optional<DeadLetter> lastFailedUpdate(String modelId);

  /** Models with a failed update on record, sorted. */
  List<String> modelsWithFailedUpdates();

  /** Ids of every model with a spec or a posterior, sorted. */
  List<String> modelIds();
}
