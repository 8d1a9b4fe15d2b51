package io.sivistream.core.stream;

import io.sivistream.core.data.Dataset;
import io.sivistream.core.family.FittedPosterior;
import io.sivistream.core.summary.DrawSummary;
import io.sivistream.core.target.PosteriorTarget;
import io.sivistream.core.train.FitResult;
import io.sivistream.core.train.ProgressListener;
import io.sivistream.core.train.SiviSm;
import java.util.List;

/**
 * TEMPORARY stub of model-core's StreamingUpdate (pipeline branch), deleted once main has the real
 * one: fits each window afresh under the base prior, so that the wiring can be tested.
 */
public final class StreamingUpdate {

  private final ModelDefinition model;

  public StreamingUpdate(ModelDefinition model) {
    this.model = model;
  }

  public WindowResult apply(PosteriorState previousOrNull, Dataset window) {
    long start = System.currentTimeMillis();
    long index = previousOrNull == null ? 1 : previousOrNull.windowIndex() + 1;
    long rows = (previousOrNull == null ? 0 : previousOrNull.rowsTotal()) + window.rows();
    StreamConfig s = model.stream();
    int iterations = previousOrNull == null ? s.firstWindowIterations() : s.iterationsPerWindow();
    PosteriorTarget target = new PosteriorTarget(model.basePrior(), model.likelihood().apply(window));
    FitResult fit = SiviSm.fit(target, model.family(), model.critic(),
        model.train().withIterations(iterations).withSeed(model.train().seed() + index),
        ProgressListener.NONE);
    FittedPosterior posterior = (FittedPosterior) fit.posterior();
    DrawSummary stats = DrawSummary.of(model.parameterNames(),
        posterior.sample(s.summaryDraws(), model.train().seed() * 7919 + index));
    double[] none = new double[0];
    PosteriorState state = new PosteriorState(index, rows, model.train().seed(), none, none, none,
        none, none, none, none, none, 0, new byte[0], List.of(), List.of());
    UpdateDiagnostics diagnostics = new UpdateDiagnostics(fit.finalLoss(), 0, fit.iterations(),
        System.currentTimeMillis() - start, fit.recoveries() > 0 ? UpdateStatus.RECOVERED : UpdateStatus.OK);
    return new WindowResult(state, new WindowSummary(index, window.rows(), rows, stats, diagnostics),
        posterior);
  }
}
