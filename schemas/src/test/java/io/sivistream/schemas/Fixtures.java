package io.sivistream.schemas;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecordBase;

/** One fully populated example of every record of the contract, for round-trip tests. */
public final class Fixtures {

  public static final Instant T0 = Instant.ofEpochMilli(1_700_000_000_123L);

  private Fixtures() {}

  public static Observation observation() {
    return Observation.newBuilder()
        .setModelId("waveform")
        .setEventTime(T0)
        .setFeatures(List.of(1.0, -0.5, 2.25, Double.MIN_VALUE))
        .setLabel(1.0)
        .setWeight(0.75)
        .setId("row-17")
        .build();
  }

  public static Observation observationWithoutOptionals() {
    return Observation.newBuilder()
        .setModelId("waveform")
        .setEventTime(T0)
        .setFeatures(List.of(1.0, 0.0))
        .setLabel(0.0)
        .build();
  }

  public static ModelSpec modelSpec() {
    return ModelSpec.newBuilder()
        .setModelId("waveform")
        .setSpecYaml("model: logistic-regression\nlabel: y\nprior: {sd: 10}\n")
        .setModel("logistic-regression")
        .setUpdatedAt(T0)
        .build();
  }

  public static PosteriorSummary posteriorSummary() {
    return PosteriorSummary.newBuilder()
        .setModelId("waveform")
        .setVersion(3)
        .setWindowStart(T0)
        .setWindowEnd(T0.plusSeconds(60))
        .setRowsInWindow(250)
        .setRowsTotal(750)
        .setParameterNames(List.of("intercept", "x1"))
        .setMean(List.of(0.1, -1.2))
        .setSd(List.of(0.3, 0.4))
        .setQ05(List.of(-0.4, -1.9))
        .setQ50(List.of(0.1, -1.2))
        .setQ95(List.of(0.6, -0.5))
        .setCorrelation(List.of(1.0, -0.25, -0.25, 1.0))
        .setDiagnostics(UpdateDiagnostics.newBuilder()
            .setFinalLoss(-12.5)
            .setCriticNorm(0.02)
            .setIterations(500)
            .setUpdateMillis(840)
            .setStatus(UpdateStatus.RECOVERED)
            .setLateRows(4)
            .build())
        .setCreatedAt(T0.plusSeconds(61))
        .build();
  }

  public static PosteriorDraws posteriorDraws() {
    return PosteriorDraws.newBuilder()
        .setModelId("waveform")
        .setVersion(3)
        .setParameterNames(List.of("intercept", "x1"))
        .setDraws(List.of(List.of(0.1, -1.1), List.of(0.2, -1.3), List.of(-0.05, -0.9)))
        .setCreatedAt(T0)
        .build();
  }

  public static PredictionRequest predictionRequest() {
    return PredictionRequest.newBuilder()
        .setModelId("waveform")
        .setRequestId("req-1")
        .setFeatures(List.of(1.0, 0.5))
        .setRequestedAt(T0)
        .build();
  }

  public static Prediction prediction() {
    return Prediction.newBuilder()
        .setModelId("waveform")
        .setRequestId("req-1")
        .setVersion(3L)
        .setMean(0.62)
        .setSd(0.1)
        .setQ05(0.45)
        .setQ95(0.78)
        .setCreatedAt(T0)
        .build();
  }

  public static Prediction failedPrediction() {
    return Prediction.newBuilder()
        .setModelId("nope")
        .setRequestId("req-2")
        .setError("unknown model 'nope'")
        .setCreatedAt(T0)
        .build();
  }

  public static DeadLetter deadLetter() {
    return DeadLetter.newBuilder()
        .setSourceTopic(Topics.OBSERVATIONS)
        .setPartition(2)
        .setOffset(41)
        .setKey(ByteBuffer.wrap(new byte[] {'m'}))
        .setValue(ByteBuffer.wrap(new byte[] {1, 2, 3}))
        .setReason("undecodable BAD_MARKER")
        .setFailedAt(T0)
        .build();
  }

  /** Every example above, one per record type and variant. */
  public static List<SpecificRecordBase> all() {
    return List.of(observation(), observationWithoutOptionals(), modelSpec(), posteriorSummary(),
        posteriorDraws(), predictionRequest(), prediction(), failedPrediction(), deadLetter());
  }
}
