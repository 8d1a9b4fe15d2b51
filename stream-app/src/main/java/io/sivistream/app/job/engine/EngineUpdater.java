package io.sivistream.app.job.engine;

import io.sivistream.app.job.UpdateOutput;
import io.sivistream.app.job.WindowInfo;
import io.sivistream.app.job.WindowUpdater;
import io.sivistream.app.job.TaskResources;
import io.sivistream.core.linalg.ComputeDevices;
import io.sivistream.core.data.Dataset;
import io.sivistream.core.spec.ModelSpec;
import io.sivistream.core.stream.ModelDefinition;
import io.sivistream.core.stream.PosteriorState;
import io.sivistream.core.stream.StreamingUpdate;
import io.sivistream.core.stream.WindowResult;
import io.sivistream.schemas.PosteriorDraws;
import io.sivistream.schemas.PosteriorSummary;
import io.sivistream.schemas.codec.AvroCodec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The posterior job's real update: model-core's {@link StreamingUpdate} (incremental SIVI-SM,
 * warm-started from the previous window's state) on each closed window, published as Avro
 * {@link PosteriorSummary} and {@link PosteriorDraws} records.
 *
 * <p>Deterministic given (state, window, spec): the engine is, and the draws use a seed derived
 * from the spec's {@code train.seed} and the version, so a job restored from a checkpoint
 * republishes the same records (except the wall-clock fields {@code createdAt} and
 * {@code diagnostics.updateMillis}).
 *
 * <p>A spec change takes effect at the next window. When it keeps the parameters and the network
 * shapes (model, features, family, critic), the stream continues from its state under the new
 * settings; otherwise the model starts afresh from its base prior, keeping its version count.
 *
 * <pre>{@code
 * PosteriorJob.builder(config)
 *     .observationDecoder(new AvroObservationDecoder())
 *     .modelSpecDecoder(new AvroModelSpecDecoder())
 *     .deadLetterEncoder(new AvroDeadLetterEncoder())
 *     .updater(new EngineUpdater())
 *     .build();
 * }</pre>
 */
public final class EngineUpdater implements WindowUpdater {

  /** Draws published per window by default. */
  public static final int DEFAULT_DRAWS = 200;
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(EngineUpdater.class);

  private final int draws;
  private final Clock clock;
  /** Per model: the parsed spec and its engine, rebuilt when the spec text changes. */
  private transient Map<String, Model> models;
  private transient AvroCodec<PosteriorSummary> summaryCodec;
  private transient AvroCodec<PosteriorDraws> drawsCodec;

  /** An updater publishing {@link #DEFAULT_DRAWS} draws per window. */
  public EngineUpdater() {
    this(DEFAULT_DRAWS, Clock.systemUTC());
  }

  /**
   * @param draws draws per window on the draws topic; 0 publishes none
   * @param clock stamps {@code createdAt}
   */
  public EngineUpdater(int draws, Clock clock) {
    if (draws < 0) {
      throw new IllegalArgumentException("draws must be >= 0 (0 = publish none), got " + draws);
    }
    this.draws = draws;
    this.clock = clock;
  }

  /**
   * Binds this task's ND4J work to its GPU when the task manager has one (the gpu overlay: one
   * GPU and one slot per task manager), then opens.
   */
  @Override
  public void open(TaskResources resources) {
    int gpu = resources.gpu();
    if (gpu >= 0) {
      ComputeDevices.useOnThisThread(gpu);
      LOG.info("subtask {} computes on GPU {} of {}", resources.subtaskIndex(), gpu,
          ComputeDevices.count());
    }
    open();
  }

  @Override
  public void open() {
    models = new HashMap<>();
    summaryCodec = AvroCodec.of(PosteriorSummary.class);
    drawsCodec = AvroCodec.of(PosteriorDraws.class);
  }

  @Override
  public UpdateOutput update(String modelId, byte[] previousState, List<double[]> rows,
      List<Double> labels, String specYaml, long windowIndex) {
    return update(new WindowInfo(modelId, windowIndex, 0, 0, 0), previousState, rows, labels,
        specYaml);
  }

  @Override
  public UpdateOutput update(WindowInfo window, byte[] previousState, List<double[]> rows,
      List<Double> labels, String specYaml) {
    if (models == null) {
      open();
    }
    Model m = model(window.modelId(), specYaml);
    PosteriorState previous = previous(window, m, previousState);
    Dataset data = usableRows(window, m, rows, labels);
    // a sampled window: each row passed stands for rowsSeen / rows.size() rows (those the
    // usable-row check drops included, so the weight stays the job's sampling ratio)
    long represented = window.rowsSeen() > rows.size()
        ? Math.round((double) data.rows() * window.rowsSeen() / rows.size()) : data.rows();
    WindowResult r = m.update().apply(previous, data, represented);
    var createdAt = clock.instant();
    byte[] summary = summaryCodec.encode(SummaryRecords.summary(window, r.summary(), createdAt, m.specHash()));
    byte[] drawBytes = null;
    if (draws > 0) {
      double[][] sample = r.posterior().sample(draws, drawSeed(m.spec().train().seed(),
          window.index()));
      drawBytes = drawsCodec.encode(
          SummaryRecords.draws(window, m.definition().parameterNames(), sample, createdAt));
    }
    LOG.info("model '{}' v{}: {} rows, {} iterations in {} ms, loss {}", window.modelId(),
        window.index(), data.rows(), r.summary().diagnostics().iterations(),
        r.summary().diagnostics().updateMillis(), r.summary().diagnostics().finalLoss());
    return new UpdateOutput(EngineStateBytes.encode(m.shapeKey(), r.state()), summary, drawBytes);
  }

  @Override
  public String rejectRow(String modelId, String specYaml, double[] features, double label) {
    if (models == null) {
      open();
    }
    return StreamModels.rejectRow(model(modelId, specYaml).spec(), features, label);
  }

  /**
   * The seed of the published draws of a version: SplitMix64 of the spec's seed and the version,
   * so that draws of different versions are independent streams.
   */
  static long drawSeed(long specSeed, long version) {
    long z = specSeed * 0x9E3779B97F4A7C15L + version;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private Model model(String modelId, String specYaml) {
    Model m = models.get(modelId);
    if (m == null || !m.yaml().equals(specYaml)) {
      // The spec decoder checked this spec already; a failure here is a bug, not bad input.
      ModelSpec spec = ModelSpec.parse(specYaml, "model spec '" + modelId + "'");
      ModelDefinition definition = StreamModels.definition(spec);
      m = new Model(specYaml, spec, definition, new StreamingUpdate(definition), shapeKey(spec), spec.hash());
      models.put(modelId, m);
    }
    return m;
  }

  private static PosteriorState previous(WindowInfo window, Model m, byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    EngineStateBytes.Stored stored = EngineStateBytes.decode(bytes);
    if (!stored.shapeKey().equals(m.shapeKey())) {
      LOG.info("model '{}' v{}: the spec changed the model's parameters or network shapes;"
          + " starting afresh from the base prior", window.modelId(), window.index());
      return null;
    }
    return stored.state();
  }

  /**
   * The window as a data set. The job has checked every row against the spec when it arrived;
   * rows buffered under an older spec that the current one cannot take are left out, with a log
   * line (there is no dead-letter path from here).
   */
  private static Dataset usableRows(WindowInfo window, Model m, List<double[]> rows,
      List<Double> labels) {
    List<String> names = m.definition().parameterNames();
    List<double[]> x = new ArrayList<>(rows.size());
    List<Double> y = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      double[] r = rows.get(i);
      String reason = r.length != names.size()
          ? "expected " + names.size() + " features, got " + r.length
          : StreamModels.rejectRow(m.spec(), r, labels.get(i));
      if (reason == null) {
        x.add(r);
        y.add(labels.get(i));
      } else {
        LOG.warn("model '{}' v{}: row {} of the window left out: {}", window.modelId(),
            window.index(), i + 1, reason);
      }
    }
    if (x.isEmpty()) {
      throw new IllegalArgumentException("no row of the window fits the current spec of model '"
          + window.modelId() + "'");
    }
    double[] yy = new double[y.size()];
    for (int i = 0; i < yy.length; i++) {
      yy[i] = y.get(i);
    }
    return new Dataset(names, x.toArray(new double[0][]), yy,
        "model '" + window.modelId() + "' window " + window.index());
  }

  /** What a previous state must share with the current spec to be continued. */
  private static String shapeKey(ModelSpec s) {
    return s.model() + "|" + s.features() + "|" + s.family() + "|" + s.critic();
  }

  private record Model(String yaml, ModelSpec spec, ModelDefinition definition,
      StreamingUpdate update, String shapeKey, String specHash) {}
}
