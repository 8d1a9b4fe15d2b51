package io.sivistream.app.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sivistream.core.predict.PosteriorPredictive;
import io.sivistream.core.predict.PredictiveSummary;
import io.sivistream.schemas.DeadLetter;
import io.sivistream.schemas.ModelSpec;
import io.sivistream.schemas.PosteriorDraws;
import io.sivistream.schemas.PosteriorSummary;
import io.sivistream.schemas.Prediction;
import io.sivistream.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The serving topology on Kafka Streams' TopologyTestDriver: stores, history, the prediction join. */
class ServingTopologyTest {

  @Test
  void keepsTheLatestPosteriorAndTheLastVersionsOfEachModel() {
    try (TopologyHarness h = new TopologyHarness(3)) {
      for (long v = 1; v <= 5; v++) {
        h.summary(Fixtures.summary("clicks", v));
      }
      h.summary(Fixtures.summary("arrivals", 1));
      h.summary(Fixtures.summary("arrivals", 2));

      assertThat(h.view.latest("clicks")).get().extracting(PosteriorSummary::getVersion)
          .isEqualTo(5L);
      assertThat(h.view.latestAll()).extracting(PosteriorSummary::getModelId,
          PosteriorSummary::getVersion).containsExactly(
              org.assertj.core.groups.Tuple.tuple("arrivals", 2L),
              org.assertj.core.groups.Tuple.tuple("clicks", 5L));
      // history of 3: versions 3, 4, 5, oldest first; a smaller limit keeps the newest
      assertThat(h.view.history("clicks", 10)).extracting(PosteriorSummary::getVersion)
          .containsExactly(3L, 4L, 5L);
      assertThat(h.view.history("clicks", 2)).extracting(PosteriorSummary::getVersion)
          .containsExactly(4L, 5L);
      assertThat(h.view.history("nobody", 10)).isEmpty();
      assertThat(h.view.modelIds()).containsExactly("arrivals", "clicks");
    }
  }

  @Test
  void aRepublishedVersionReplacesItselfAndARestartedModelStartsAfresh() {
    try (TopologyHarness h = new TopologyHarness(10)) {
      for (long v = 1; v <= 4; v++) {
        h.summary(Fixtures.summary("clicks", v));
      }
      h.summary(Fixtures.summary("clicks", 3)); // a restored job republishes version 3
      assertThat(h.view.history("clicks", 10)).extracting(PosteriorSummary::getVersion)
          .containsExactly(1L, 2L, 3L, 4L);
      h.summary(Fixtures.summary("clicks", 1)); // the model was reset: version 1 again
      assertThat(h.view.history("clicks", 10)).extracting(PosteriorSummary::getVersion)
          .containsExactly(1L);
    }
  }

  @Test
  void undecodableSummariesAreSkippedAndCounted() {
    try (TopologyHarness h = new TopologyHarness(10)) {
      h.rawSummary(TopologyHarness.key("clicks"), "{\"not\": \"avro\"}".getBytes(StandardCharsets.UTF_8));
      h.summary(Fixtures.summary("clicks", 1));
      assertThat(h.view.latest("clicks")).isPresent();
      assertThat(h.metrics.write(h.view, Instant.now()))
          .contains("sivistream_serve_bad_records_total{topic=\"posterior-summaries\"} 1")
          .contains("sivistream_posterior_updates_total{model=\"clicks\"} 1");
    }
  }

  @Test
  void keepsTheLatestDrawsAndSpecsAndForgetsRetiredModels() {
    try (TopologyHarness h = new TopologyHarness(10)) {
      h.model(Fixtures.spec("clicks", "logistic-regression"));
      h.draws(Fixtures.draws("clicks", 1, new double[] {0, 0, 0}, 5));
      h.draws(Fixtures.draws("clicks", 2, new double[] {1, 1, 1}, 7));
      assertThat(h.view.draws("clicks")).get().satisfies(d -> {
        assertThat(d.getVersion()).isEqualTo(2);
        assertThat(d.getDraws()).hasSize(7);
      });
      assertThat(h.view.spec("clicks")).get().extracting(ModelSpec::getModel)
          .isEqualTo("logistic-regression");
      ModelSpec retired = Fixtures.spec("clicks", "logistic-regression");
      retired.setDeleted(true);
      h.model(retired);
      assertThat(h.view.spec("clicks")).isEmpty();
    }
  }

  @Test
  void answersARequestWithThePosteriorPredictiveOfTheLatestDraws() {
    try (TopologyHarness h = new TopologyHarness(10)) {
      h.model(Fixtures.spec("clicks", "logistic-regression"));
      h.draws(Fixtures.draws("clicks", 1, new double[] {0, 0, 0}, 50));
      PosteriorDraws latest = Fixtures.draws("clicks", 2, new double[] {-0.5, 1.2, -0.8}, 200);
      h.draws(latest);
      h.request(Fixtures.request("clicks", "r-1", 1, 0.5, -1));

      Prediction p = h.nextPrediction();
      PredictiveSummary expected = PosteriorPredictive.summarise("logistic-regression",
          Fixtures.matrix(latest), new double[] {1, 0.5, -1}, Double.NaN);
      assertThat(p.getModelId()).isEqualTo("clicks");
      assertThat(p.getRequestId()).isEqualTo("r-1");
      assertThat(p.getVersion()).isEqualTo(2L);
      assertThat(p.getError()).isNull();
      assertThat(p.getMean()).isCloseTo(expected.mean(), within(1e-12));
      assertThat(p.getSd()).isCloseTo(expected.sd(), within(1e-12));
      assertThat(p.getQ05()).isCloseTo(expected.q05(), within(1e-12));
      assertThat(p.getQ95()).isCloseTo(expected.q95(), within(1e-12));
      // P(y=1) at eta = -0.5 + 0.6 + 0.8 = 0.9 is about 0.71
      assertThat(p.getMean()).isCloseTo(1 / (1 + Math.exp(-0.9)), within(0.02));
      assertThat(h.noDeadLetters()).isTrue();
    }
  }

  @Test
  void linearRegressionIncludesTheSpecsNoise() {
    try (TopologyHarness h = new TopologyHarness(10)) {
      h.model(Fixtures.spec("sensor", "linear-regression")); // noise sd 0.5
      h.draws(Fixtures.draws("sensor", 1, new double[] {1, 2, 3}, 400));
      h.request(Fixtures.request("sensor", "r", 1, 0, 0));
      Prediction p = h.nextPrediction();
      // draws of the intercept have sd 0.1: predictive sd = sqrt(0.1^2 + 0.5^2) = 0.51
      assertThat(p.getMean()).isCloseTo(1, within(0.02));
      assertThat(p.getSd()).isCloseTo(Math.sqrt(0.01 + 0.25), within(0.01));
    }
  }

  @Test
  void anUnknownModelGetsAnErrorPredictionAndADeadLetter() {
    try (TopologyHarness h = new TopologyHarness(10)) {
      h.model(Fixtures.spec("clicks", "logistic-regression"));
      h.request(Fixtures.request("clickz", "r-9", 1, 2, 3));

      Prediction p = h.nextPrediction();
      assertThat(p.getRequestId()).isEqualTo("r-9");
      assertThat(p.getMean()).isNull();
      assertThat(p.getVersion()).isNull();
      assertThat(p.getError()).isEqualTo("unknown model 'clickz'; known: clicks");
      DeadLetter dl = h.nextDeadLetter();
      assertThat(dl.getSourceTopic()).isEqualTo(Topics.PREDICTION_REQUESTS);
      assertThat(dl.getOffset()).isZero();
      assertThat(dl.getReason()).isEqualTo("request 'r-9': unknown model 'clickz'; known: clicks");
      assertThat(dl.getValue()).isNotNull();
    }
  }

  @Test
  void aWrongFeatureCountGetsAnErrorPredictionAndADeadLetter() {
    try (TopologyHarness h = new TopologyHarness(10)) {
      h.model(Fixtures.spec("clicks", "logistic-regression"));
      h.draws(Fixtures.draws("clicks", 4, new double[] {0, 0, 0}, 10));
      h.request(Fixtures.request("clicks", "r-2", 1, 2));

      Prediction p = h.nextPrediction();
      assertThat(p.getError()).isEqualTo(
          "model 'clicks' expects 3 features [intercept, x1, x2], got 2");
      assertThat(p.getVersion()).isEqualTo(4L);
      assertThat(h.nextDeadLetter().getReason()).contains("expects 3 features");
    }
  }

  @Test
  void aModelWithoutDrawsYetIsAnErrorToo() {
    try (TopologyHarness h = new TopologyHarness(10)) {
      h.model(Fixtures.spec("clicks", "logistic-regression"));
      h.request(Fixtures.request("clicks", "r-3", 1, 2, 3));
      assertThat(h.nextPrediction().getError()).contains("has no posterior draws yet");
      assertThat(h.nextDeadLetter().getReason()).contains("r-3");
    }
  }

  @Test
  void anUndecodableRequestIsADeadLetterAndTheNextOneIsStillAnswered() {
    try (TopologyHarness h = new TopologyHarness(10)) {
      h.model(Fixtures.spec("clicks", "poisson-regression"));
      h.draws(Fixtures.draws("clicks", 1, new double[] {0.8, 0.4, -0.3}, 100));
      byte[] junk = {1, 2, 3};
      h.rawRequest(TopologyHarness.key("clicks"), junk);
      h.request(Fixtures.request("clicks", "ok", 1, 0, 0));

      DeadLetter dl = h.nextDeadLetter();
      assertThat(dl.getReason()).startsWith("undecodable prediction request: ");
      assertThat(dl.getValue().array()).containsExactly(junk);
      Prediction p = h.nextPrediction();
      assertThat(p.getRequestId()).isEqualTo("ok");
      assertThat(p.getMean()).isCloseTo(Math.exp(0.8), within(0.1));
      assertThat(h.noPredictions()).isTrue();
      assertThat(h.metrics.write(h.view, Instant.now()))
          .contains("sivistream_predictions_total{outcome=\"ok\"} 1")
          .contains("sivistream_dead_letters_total{cause=\"UNDECODABLE\"} 1")
          .contains("sivistream_dead_letters_total{cause=\"PREDICTION_ERROR\"} 0");
      assertThat(dl.getCause()).isEqualTo("UNDECODABLE");
    }
  }
}
