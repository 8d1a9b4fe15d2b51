package io.sivistream.core.stream;

import io.sivistream.core.critic.CriticConfig;
import io.sivistream.core.data.CsvDatasets;
import io.sivistream.core.data.Dataset;
import io.sivistream.core.eval.Discrepancy;
import io.sivistream.core.family.FamilyConfig;
import io.sivistream.core.linalg.Spd;
import io.sivistream.core.mcmc.HmcConfig;
import io.sivistream.core.mcmc.Nuts;
import io.sivistream.core.nn.Gaussian;
import io.sivistream.core.summary.DrawSummary;
import io.sivistream.core.target.LogisticRegression;
import io.sivistream.core.target.Models;
import io.sivistream.core.target.NormalPrior;
import io.sivistream.core.train.ProgressListener;
import io.sivistream.core.train.TrainConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * A waveform (or, with -Ddata=...poisson_sparse.csv, the sparse Poisson) stream against NUTS on
 * all its rows, printing each window's mode gap and next prior: args FROM TO WINDOW RETAIN;
 * -Dkind (default auto), -Dseed, -Dipw, -Devery (print every n-th window).
 */
public final class AutoPriorProbe {
  /** -Ddata=src/test/resources/reference/poisson_sparse.csv: the sparse-count Poisson stream against its Stan fixture. */
  static final boolean POISSON = System.getProperty("data", "").contains("poisson_sparse");

  public static void main(String[] args) throws Exception {
    Dataset all = CsvDatasets.read(Path.of(System.getProperty("data", "../../shared/data/waveform_test.csv")), "y", null);
    int from = Integer.parseInt(args[0]);
    int to = Integer.parseInt(args[1]);
    int rows = Integer.parseInt(args[2]);
    int retain = Integer.parseInt(args[3]);
    Dataset data = all.slice(from, to);
    StreamConfig d = StreamConfig.DEFAULT;
    StreamConfig config = new StreamConfig(StreamConfig.Mode.RECURSIVE, 1.0, rows, 0, Integer.getInteger("ipw", d.iterationsPerWindow()),
        d.firstWindowIterations(), d.slidingWindows(), StreamConfig.PriorKind.parse(System.getProperty("kind", "auto")), d.priorDraws(), d.summaryDraws(),
        retain);
    ModelDefinition model = new ModelDefinition(data.featureNames(),
        r -> POISSON ? new io.sivistream.core.target.PoissonRegression(r.features(), r.labels(), data.featureNames())
            : new LogisticRegression(r.features(), r.labels(), data.featureNames()),
        NormalPrior.isotropic(data.width(), 10), FamilyConfig.DEFAULT, CriticConfig.DEFAULT,
        TrainConfig.DEFAULT.withSeed(Long.getLong("seed", 1L)), config);
    StreamingUpdate update = new StreamingUpdate(model);
    PosteriorState state = null;
    int windows = data.rows() / rows;
    WindowResult r = null;
    for (int w = 0; w < windows; w++) {
      r = update.apply(state, data.slice(w * rows, (w + 1) * rows));
      state = r.state();
      if (w % Integer.getInteger("every", 2) == Integer.getInteger("every", 2) - 1 || w == windows - 1) {
        Dataset sofar = data.slice(0, (w + 1) * rows);
        var target = new io.sivistream.core.target.PosteriorTarget(NormalPrior.isotropic(data.width(), 10),
            POISSON ? new io.sivistream.core.target.PoissonRegression(sofar.features(), sofar.labels(), data.featureNames())
                : new LogisticRegression(sofar.features(), sofar.labels(), data.featureNames()));
        var lap = io.sivistream.core.train.LaplaceStart.newton(target, new double[data.width()], 50);
        double shift = lap.maxDistanceInSds(r.summary().stats().mean());
        System.out.printf("w %2d rows %4d: shift %.3f | next %s gap %.3f | %d ms%n", w + 1,
            (w + 1) * rows, shift, r.summary().nextPrior().kind().wireName(), r.summary().nextPrior().modeGap(),
            r.summary().diagnostics().updateMillis());
      }
    }
    double[][] ref = reference(data, from, to);
    Discrepancy disc = Discrepancy.compare(r.posterior().sample(2000, 5), ref);
    System.out.printf("final vs NUTS: E %.4f mean %.3f logsd %.3f corr %.3f%n", disc.energyDistance(),
        disc.maxMeanError(), disc.maxLogSdRatio(), disc.maxCorrError());
  }

  /** Energy distance of draws to the Gaussian of their moments, and of two such Gaussian samples. */
  static double[] gaussianity(double[][] draws, long seed) {
    DrawSummary s = DrawSummary.of(java.util.Collections.nCopies(draws[0].length, "p"), draws);
    int dim = draws[0].length;
    double[][] cov = new double[dim][dim];
    for (int i = 0; i < dim; i++) {
      for (int j = 0; j < dim; j++) {
        cov[i][j] = s.corr()[i][j] * s.sd()[i] * s.sd()[j];
      }
    }
    double[][] l = Spd.cholesky(cov);
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] g1 = gaussian(s.mean(), l, draws.length, rng);
    double[][] g2 = gaussian(s.mean(), l, draws.length, rng);
    return new double[] {Discrepancy.compare(draws, g1).energyDistance(), Discrepancy.compare(g2, g1).energyDistance()};
  }

  static double[][] gaussian(double[] mean, double[][] l, int n, SplittableRandom rng) {
    int d = mean.length;
    double[][] out = new double[n][d];
    double[] z = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        z[j] = Gaussian.next(rng);
      }
      for (int a = 0; a < d; a++) {
        double v = mean[a];
        for (int b = 0; b <= a; b++) {
          v += l[a][b] * z[b];
        }
        out[i][a] = v;
      }
    }
    return out;
  }

  static double[][] reference(Dataset data, int from, int to) throws Exception {
    if (POISSON && from == 0 && to == 1000) {
      return StanReference.load("poisson_sparse").draws();
    }
    if (System.getProperty("data", "").contains("waveform_train") && from == 0 && to == 400) {
      return StanReference.load("waveform_train").draws();
    }
    if (from == 2000 && to == 4000 && !System.getProperty("data", "").contains("waveform_train")) {
      return StanReference.load("waveform_test_2001_4000").draws();
    }
    Path cache = Path.of("/tmp/nuts_waveform_test_" + from + "_" + to + ".csv");
    if (Files.exists(cache)) {
      return CsvDatasets.readDraws(cache).draws();
    }
    var res = Nuts.sample(Models.build("logistic-regression", data, new double[] {10}, 0),
        new HmcConfig(4, 1000, 4000, 11, 10, 0.9), ProgressListener.NONE);
    CsvDatasets.writeDraws(cache, data.featureNames(), res.draws());
    return res.draws();
  }
}
