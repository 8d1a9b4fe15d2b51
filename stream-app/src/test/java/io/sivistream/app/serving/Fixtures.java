package io.sivistream.app.serving;

import io.sivistream.schemas.ModelSpec;
import io.sivistream.schemas.PosteriorDraws;
import io.sivistream.schemas.PosteriorSummary;
import io.sivistream.schemas.PredictionRequest;
import io.sivistream.schemas.UpdateDiagnostics;
import io.sivistream.schemas.UpdateStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Records for the serving tests: small, deterministic, with known numbers. */
final class Fixtures {

  static final List<String> NAMES = List.of("intercept", "x1", "x2");
  static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  private Fixtures() {}

  static ModelSpec spec(String id, String kind) {
    String yaml = "model: " + kind + "\nfeatures: [intercept, x1, x2]\nnoise: {sd: 0.5}\n";
    return ModelSpec.newBuilder().setModelId(id).setSpecYaml(yaml).setModel(kind)
        .setUpdatedAt(T0).build();
  }

  /**
   * The HTTP tests' store: models "clicks" (logistic, versions 1-4 and draws of version 4) and
   * "waiting" (Poisson, no posterior yet).
   */
  static void clicksAndWaiting(TopologyHarness h) {
    h.model(spec("clicks", "logistic-regression"));
    h.model(spec("waiting", "poisson-regression"));
    for (long v = 1; v <= 4; v++) {
      h.summary(summary("clicks", v));
    }
    h.draws(draws("clicks", 4, new double[] {-0.5, 1.2, -0.8}, 30));
  }

  /** Version v of a model: means (v, -v, 0.5 v), sds 1/v, windows of 10 s ending at T0 + 10 v s. */
  static PosteriorSummary summary(String id, long v) {
    List<Double> mean = List.of((double) v, (double) -v, 0.5 * v);
    List<Double> sd = List.of(1.0 / v, 1.0 / v, 1.0 / v);
    List<Double> q05 = new ArrayList<>();
    List<Double> q95 = new ArrayList<>();
    List<Double> corr = new ArrayList<>();
    for (int j = 0; j < 3; j++) {
      q05.add(mean.get(j) - 1.645 * sd.get(j));
      q95.add(mean.get(j) + 1.645 * sd.get(j));
      for (int k = 0; k < 3; k++) {
        corr.add(j == k ? 1.0 : 0.0);
      }
    }
    Instant end = T0.plusSeconds(10 * v);
    return PosteriorSummary.newBuilder()
        .setModelId(id).setVersion(v)
        .setWindowStart(end.minusSeconds(10)).setWindowEnd(end)
        .setRowsInWindow(250).setRowsTotal(250 * v)
        .setParameterNames(NAMES)
        .setMean(mean).setSd(sd).setQ05(q05).setQ50(mean).setQ95(q95)
        .setCorrelation(corr)
        .setDiagnostics(UpdateDiagnostics.newBuilder().setFinalLoss(0.1).setCriticNorm(0.2)
            .setIterations(200).setUpdateMillis(1500).setStatus(UpdateStatus.OK).build())
        .setCreatedAt(end.plusMillis(2500))
        .build();
  }

  /** n draws of N(centre, 0.1²) per coefficient, fixed seed. */
  static PosteriorDraws draws(String id, long v, double[] centre, int n) {
    SplittableRandom rng = new SplittableRandom(42);
    List<List<Double>> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      List<Double> row = new ArrayList<>();
      for (double c : centre) {
        double u = 1 - rng.nextDouble();
        row.add(c + 0.1 * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble()));
      }
      rows.add(row);
    }
    return PosteriorDraws.newBuilder().setModelId(id).setVersion(v).setParameterNames(NAMES)
        .setDraws(rows).setCreatedAt(T0.plusSeconds(10 * v)).build();
  }

  static PredictionRequest request(String id, String requestId, double... x) {
    List<Double> features = new ArrayList<>();
    for (double v : x) {
      features.add(v);
    }
    return PredictionRequest.newBuilder().setModelId(id).setRequestId(requestId)
        .setFeatures(features).setRequestedAt(T0).build();
  }

  static double[][] matrix(PosteriorDraws d) {
    return Predictor.matrix(d);
  }
}
