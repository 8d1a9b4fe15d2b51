package io.sivistream.core.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sivistream.core.critic.CriticConfig;
import io.sivistream.core.data.Dataset;
import io.sivistream.core.family.FamilyConfig;
import io.sivistream.core.target.Likelihood;
import io.sivistream.core.target.LogisticRegression;
import io.sivistream.core.target.NormalPrior;
import io.sivistream.core.target.PoissonRegression;
import io.sivistream.core.train.TrainConfig;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Windows at the edges of what a stream can send: the update ends with a finite posterior
 * (possibly RECOVERED) or refuses with {@link NonFinitePosteriorException}, which the job turns
 * into dead letters; it never returns a non-finite posterior to publish.
 */
class NumericalExtremesTest {

  private static final List<String> NAMES = List.of("intercept", "x");
  private static final int ROWS = 60;

  @ParameterizedTest
  @ValueSource(strings = {"separable-logistic", "counts-1e6", "features-1e8"})
  void extremeWindowsEndFiniteOrAreRefused(String kind) {
    double[][] x = new double[ROWS][2];
    double[] y = new double[ROWS];
    for (int i = 0; i < ROWS; i++) {
      double t = (i - ROWS / 2.0) / 10;
      x[i][0] = 1;
      x[i][1] = kind.equals("features-1e8") ? t * 1e8 : t;
      y[i] = switch (kind) {
        case "separable-logistic" -> t > 0 ? 1 : 0;     // perfectly separated at 0
        case "counts-1e6" -> 1e6 + i;
        default -> i % 3;
      };
    }
    Function<Dataset, Likelihood> likelihood = kind.equals("separable-logistic")
        ? rows -> new LogisticRegression(rows.features(), rows.labels(), NAMES)
        : rows -> new PoissonRegression(rows.features(), rows.labels(), NAMES);
    StreamingUpdate update = new StreamingUpdate(model(likelihood));
    PosteriorState state = null;
    for (int w = 0; w < 2; w++) {
      WindowResult r;
      try {
        r = update.apply(state, new Dataset(NAMES, x, y, kind));
      } catch (NonFinitePosteriorException refused) {
        assertThat(refused.getMessage()).containsAnyOf("non-finite", "degenerate");
        return;
      }
      for (int j = 0; j < NAMES.size(); j++) {
        assertThat(r.summary().stats().mean()[j]).as(kind + " mean").isFinite();
        assertThat(r.summary().stats().sd()[j]).as(kind + " sd").isFinite().isPositive();
      }
      state = r.state();
    }
  }

  private static ModelDefinition model(Function<Dataset, Likelihood> likelihood) {
    TrainConfig t = TrainConfig.DEFAULT;
    TrainConfig train = new TrainConfig(300, 50, 0, 5, t.familyLr(), t.criticLr(), t.lrDecayEvery(),
        t.lrDecayFactor(), 0, 0, 0, 0, false);
    StreamConfig stream = new StreamConfig(StreamConfig.Mode.RECURSIVE, 1.0, ROWS, 0, 100, 100, 2,
        StreamConfig.PriorKind.LAPLACE, 200, 300, 0);
    return new ModelDefinition(NAMES, likelihood, NormalPrior.isotropic(2, 10),
        new FamilyConfig(2, List.of(16), false, 0.5), new CriticConfig(List.of(16)), train, stream);
  }
}
