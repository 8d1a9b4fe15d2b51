package io.sivistream.app.serving;

import io.sivistream.core.predict.PredictiveSummary;
import io.sivistream.schemas.DeadLetter;
import io.sivistream.schemas.DeadLetterCause;
import io.sivistream.schemas.Prediction;
import io.sivistream.schemas.PredictionRequest;
import io.sivistream.schemas.codec.AvroCodec;
import io.sivistream.schemas.codec.Decoded;
import io.sivistream.schemas.codec.RecordOrigin;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Joins each prediction request with the latest draws of its model (global stores, so requests
 * need not be co-partitioned with the posterior topics) and forwards a {@link Prediction} to
 * {@link #PREDICTIONS}. A request that cannot be answered (unknown model, wrong number of
 * features, no posterior yet) gets a Prediction with {@code error} set and a {@link DeadLetter}
 * on {@link #DEAD_LETTERS}; one whose bytes do not decode gets only the dead letter (it has no
 * request id to answer). Nothing here throws on bad input.
 */
final class PredictionJoin implements Processor<byte[], byte[], byte[], byte[]> {

  /** Child (sink) name for predictions. */
  static final String PREDICTIONS = "predictions-sink";
  /** Child (sink) name for dead letters. */
  static final String DEAD_LETTERS = "dead-letters-sink";

  private final AvroCodec<PredictionRequest> requests = AvroCodec.of(PredictionRequest.class);
  private final AvroCodec<Prediction> predictionCodec = AvroCodec.of(Prediction.class);
  private final AvroCodec<DeadLetter> deadLetterCodec = AvroCodec.of(DeadLetter.class);
  private final Predictor predictor;
  private final ServingMetrics metrics;
  private final String sourceTopic;
  private ProcessorContext<byte[], byte[]> context;
  private PosteriorView view;

  PredictionJoin(Predictor predictor, ServingMetrics metrics, String sourceTopic) {
    this.predictor = predictor;
    this.metrics = metrics;
    this.sourceTopic = sourceTopic;
  }

  @Override
  public void init(ProcessorContext<byte[], byte[]> context) {
    this.context = context;
    this.view = new StoreView(name -> (ReadOnlyKeyValueStore<String, ?>) context.getStateStore(name));
  }

  @Override
  public void process(Record<byte[], byte[]> r) {
    Instant now = Instant.now();
    RecordOrigin origin = context.recordMetadata()
        .map(m -> new RecordOrigin(m.topic(), m.partition(), m.offset()))
        .orElse(RecordOrigin.of(sourceTopic));
    Decoded<PredictionRequest> decoded = requests.tryDecode(r.value(), origin, r.key());
    if (!decoded.isOk()) {
      deadLetter(r, origin, "undecodable prediction request: " + decoded.error(),
          DeadLetterCause.UNDECODABLE, now);
      return;
    }
    PredictionRequest q = decoded.value();
    double[] x = new double[q.getFeatures().size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = q.getFeatures().get(i);
    }
    Predictor.Outcome o = predictor.predict(view, q.getModelId(), x);
    Prediction.Builder p = Prediction.newBuilder()
        .setModelId(q.getModelId())
        .setRequestId(q.getRequestId())
        .setVersion(o.version())
        .setCreatedAt(now);
    if (o.kind() == Predictor.Kind.OK) {
      PredictiveSummary s = o.summary();
      p.setMean(s.mean()).setSd(s.sd()).setQ05(s.q05()).setQ95(s.q95());
    } else {
      p.setError(o.error());
    }
    byte[] key = q.getModelId().getBytes(StandardCharsets.UTF_8);
    context.forward(new Record<>(key, predictionCodec.encode(p.build()), r.timestamp()),
        PREDICTIONS);
    metrics.predicted(o.kind().name().toLowerCase(Locale.ROOT));
    if (o.kind() != Predictor.Kind.OK) {
      deadLetter(r, origin, "request '" + q.getRequestId() + "': " + o.error(),
          DeadLetterCause.PREDICTION_ERROR, now);
    }
  }

  private void deadLetter(Record<byte[], byte[]> r, RecordOrigin origin, String reason,
      DeadLetterCause cause, Instant now) {
    DeadLetter dl = origin.deadLetter(r.key(), r.value(), reason, cause, now);
    context.forward(new Record<>(r.key(), deadLetterCodec.encode(dl), r.timestamp()),
        DEAD_LETTERS);
    metrics.deadLetter(cause);
  }
}
