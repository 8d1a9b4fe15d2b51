package io.sivistream.core.stream;

import io.sivistream.core.data.Dataset;
import io.sivistream.core.spec.ModelSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Manual probe: args = windows rows; runs the streaming update of the pipeline benchmark's model
 * (22-parameter logistic regression, family [32, 32], critic [64, 64]) on windows of the given
 * size and prints each update's wall time. Run under JFR to see where a window allocates.
 */
public final class WindowAllocationProbe {
  public static void main(String[] a) {
    int windows = Integer.parseInt(a[0]);
    int rows = Integer.parseInt(a[1]);
    List<String> names = new ArrayList<>();
    names.add("intercept");
    for (int j = 1; j < 22; j++) {
      names.add("x" + j);
    }
    String yaml = String.join("\n", "model: logistic-regression", "features: " + names, "prior: {sd: 10}",
        "family: {latentDim: 10, hidden: [32, 32]}", "critic: {hidden: [64, 64]}",
        "train: {iterations: 1000, batch: 50, dataBatch: 200, seed: 1}",
        "stream: {mode: recursive, forgetting: 1.0, windowSeconds: 1, iterationsPerWindow: 200}", "");
    ModelDefinition model = ModelDefinitions.of(ModelSpec.parse(yaml, "probe"), names);
    StreamingUpdate update = new StreamingUpdate(model);
    SplittableRandom rng = new SplittableRandom(3);
    PosteriorState state = null;
    for (int w = 0; w < windows; w++) {
      double[][] x = new double[rows][22];
      double[] y = new double[rows];
      for (int i = 0; i < rows; i++) {
        x[i][0] = 1;
        double eta = -0.5;
        for (int j = 1; j < 22; j++) {
          x[i][j] = rng.nextGaussian() / Math.sqrt(21);
          eta += x[i][j] * ((j % 2 == 0 ? -1 : 1) * (0.1 + 0.4 * j / 22.0));
        }
        y[i] = rng.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
      }
      long t = System.nanoTime();
      WindowResult r = update.apply(state, new Dataset(names, x, y, "probe"));
      state = PosteriorStateCodec.decode(PosteriorStateCodec.encode(r.state()));
      System.out.printf("window %d: %.3f s%n", w + 1, (System.nanoTime() - t) / 1e9);
    }
  }
}
