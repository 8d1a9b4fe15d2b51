package io.sivistream.core.stream;

import io.sivistream.core.accuracy.SharedData;
import io.sivistream.core.critic.CriticConfig;
import io.sivistream.core.data.CsvDatasets;
import io.sivistream.core.data.Dataset;
import io.sivistream.core.eval.Discrepancy;
import io.sivistream.core.family.FamilyConfig;
import io.sivistream.core.family.ReverseConditional;
import io.sivistream.core.mcmc.HmcConfig;
import io.sivistream.core.mcmc.Nuts;
import io.sivistream.core.target.LogisticRegression;
import io.sivistream.core.target.Models;
import io.sivistream.core.target.NormalPrior;
import io.sivistream.core.train.ProgressListener;
import io.sivistream.core.train.TrainConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Per-window accuracy of a waveform stream against NUTS on the rows so far (cached in /tmp):
 * args KIND WINDOW_ROWS WINDOWS; -Dipw, -Dtransport.
 */
public final class WindowTraceProbe {
  public static void main(String[] args) throws Exception {
    Dataset data = SharedData.waveformTrain();
    String kind = args[0];
    int rows = Integer.parseInt(args[1]);
    int windows = Integer.parseInt(args[2]);
    StreamConfig d = StreamConfig.DEFAULT;
    StreamConfig config = new StreamConfig(StreamConfig.Mode.RECURSIVE, 1.0, rows, 0, Integer.getInteger("ipw", 200),
        Integer.getInteger("first", d.firstWindowIterations()), d.slidingWindows(), StreamConfig.PriorKind.parse(kind),
        d.priorDraws(), d.summaryDraws(), Integer.getInteger("retain", 0));
    TrainConfig train = Boolean.getBoolean("transport")
        ? TrainConfig.DEFAULT.withFamilyGradient(io.sivistream.core.train.FamilyGradient.TRANSPORT) : TrainConfig.DEFAULT;
    train = train.withSeed(Long.getLong("seed", 1L));
    ModelDefinition model = new ModelDefinition(data.featureNames(),
        r -> new LogisticRegression(r.features(), r.labels(), data.featureNames()),
        NormalPrior.isotropic(data.width(), 10), FamilyConfig.DEFAULT, CriticConfig.DEFAULT, train, config);
    StreamingUpdate update = new StreamingUpdate(model);
    PosteriorState state = null;
    long t0 = System.nanoTime();
    for (int w = 0; w < windows; w++) {
      WindowResult r = update.apply(state, data.slice(w * rows, (w + 1) * rows));
      state = r.state();
      int n = (w + 1) * rows;
      double[][] ref = reference(data, n);
      Discrepancy disc = Discrepancy.compare(r.posterior().sample(2000, 5), ref);
      double[] p = r.posterior().params();
      double[] sig = new double[22];
      for (int j = 0; j < 22; j++) sig[j] = Math.exp(p[p.length - 22 + j]);
      java.util.Arrays.sort(sig);
      double ess = Double.NaN;
      if (kind.equals("semi-implicit")) {
        double[][] x = r.posterior().sample(200, 8);
        double[] u = new double[200 * 22];
        for (int i = 0; i < 200; i++) for (int j = 0; j < 22; j++) u[i * 22 + j] = (x[i][j] - r.posterior().center()[j]) / r.posterior().scale()[j];
        ess = new ReverseConditional(r.posterior().family(), p, 8, 3, 1).estimate(Nd4j.create(u, new long[] {200, 22}, 'c').castTo(DataType.FLOAT)).meanEss();
      }
      System.out.printf("w %2d rows %4d: E %.4f mean %.3f logsd %.3f corr %.3f | sigma min %.3f med %.3f | ess %.2f | loss %.3g %d ms%n",
          w + 1, n, disc.energyDistance(), disc.maxMeanError(), disc.maxLogSdRatio(), disc.maxCorrError(), sig[0], sig[11], ess,
          r.summary().diagnostics().finalLoss(), r.summary().diagnostics().updateMillis());
    }
    System.out.printf("total %.1f s%n", (System.nanoTime() - t0) / 1e9);
  }

  public static double[][] reference(Dataset data, int rows) throws Exception {
    Path cache = Path.of("/tmp/nuts_waveform_" + rows + ".csv");
    if (Files.exists(cache)) {
      return CsvDatasets.readDraws(cache).draws();
    }
    var res = Nuts.sample(Models.build("logistic-regression", data.slice(0, rows), new double[] {10}, 0),
        new HmcConfig(4, 1000, 4000, 11, 10, 0.9), ProgressListener.NONE);
    CsvDatasets.writeDraws(cache, data.featureNames(), res.draws());
    return res.draws();
  }
}
