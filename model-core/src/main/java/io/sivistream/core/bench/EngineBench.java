package io.sivistream.core.bench;

import io.sivistream.core.critic.CriticConfig;
import io.sivistream.core.data.Dataset;
import io.sivistream.core.family.FamilyConfig;
import io.sivistream.core.family.SemiImplicitFamily;
import io.sivistream.core.nn.Mlp;
import io.sivistream.core.train.EngineState;
import io.sivistream.core.train.ProgressListener;
import io.sivistream.core.train.SiviSm;
import io.sivistream.core.train.SiviSmTrainer;
import io.sivistream.core.train.TrainConfig;
import io.sivistream.core.target.Target;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Times the SIVI-SM training step (one family step and one critic step per iteration) on a
 * given target, after a warm-up, with the clock around the loop only.
 *
 * <pre>{@code
 * EngineBench.Result r = EngineBench.time(target, EngineBench.AUTHORS_FAMILY, CriticConfig.DEFAULT,
 *     100, 400, DataType.FLOAT, 200, 2000);
 * System.out.println(r.iterationsPerSecond());
 * }</pre>
 */
public final class EngineBench {

  /** The authors' waveform family: latent dimension 10, MLP 10 -> 100 -> 100 -> d. */
  public static final FamilyConfig AUTHORS_FAMILY = new FamilyConfig(10, List.of(100, 100), false, 0.5);

  private EngineBench() {}

  /**
   * @param iterations timed iterations
   * @param seconds wall time of the timed loop
   * @param cpuSeconds CPU time the timing thread used in the loop (BLAS runs on it with one
   *     thread; less sensitive than wall time to other load on a shared machine)
   * @param peakBytes peak resident memory of the process (JVM + native buffers) seen during the
   *     run, in bytes; it never shrinks within a process, so in a sweep it is cumulative
   */
  public record Result(int iterations, double seconds, double cpuSeconds, long peakBytes) {

    public double iterationsPerSecond() {
      return iterations / seconds;
    }

    public double secondsPerIteration() {
      return seconds / iterations;
    }
  }

  /**
   * Runs warmup untimed iterations, then iterations timed ones, of SIVI-SM on the target.
   *
   * @param batch particles per iteration
   * @param dataBatch data rows per iteration (0: all)
   */
  public static Result time(Target target, FamilyConfig familyConfig, CriticConfig criticConfig, int batch,
      int dataBatch, DataType type, int warmup, int iterations) {
    SemiImplicitFamily family = new SemiImplicitFamily(target.dim(), target.parameterNames(), familyConfig);
    Mlp critic = SiviSm.criticNetwork(target.dim(), criticConfig);
    EngineState state = SiviSm.initialState(family, critic, null, 1L, type);
    int total = warmup + iterations;
    // no learning-rate decay or schedule changes inside the timed loop: the cost per step is constant
    TrainConfig config = new TrainConfig(total, batch, dataBatch, 1L, 1e-3, 1e-3, 0, 0.5, 0.0, 0, 0, 0, false);
    SiviSmTrainer trainer = new SiviSmTrainer(target, family, critic, state, config, 1L);
    MemoryWatch memory = MemoryWatch.start();
    try {
      trainer.run(0, warmup, total, ProgressListener.NONE, 0);
      java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
      long cpuStart = threads.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      int done = trainer.run(warmup, total, total, ProgressListener.NONE, 0);
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
      return new Result(done, seconds, cpu, memory.peakBytes());
    } finally {
      memory.stop();
    }
  }

  /**
   * The 400 waveform training rows (intercept, x1..x21, label y) bundled with the engine, so the
   * benchmark needs no data files. Source: UCI Waveform Database Generator, as prepared in the
   * semi-implicit VI literature (features standardised, classes recoded to 0/1).
   */
  public static Dataset waveform() {
    try (java.io.InputStream in = EngineBench.class.getResourceAsStream("waveform_train.csv")) {
      if (in == null) {
        throw new IllegalStateException("waveform_train.csv is missing from the model-core jar");
      }
      java.nio.file.Path tmp = java.nio.file.Files.createTempFile("waveform_train", ".csv");
      try {
        java.nio.file.Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Dataset d = io.sivistream.core.data.CsvDatasets.read(tmp, "y", null);
        return new Dataset(d.featureNames(), d.features(), d.labels(), "waveform_train.csv (bundled)");
      } finally {
        java.nio.file.Files.deleteIfExists(tmp);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The waveform posterior of the authors' benchmark: logistic regression, N(0, 10²) prior on every coefficient. */
  public static Target waveformTarget(Dataset data) {
    return io.sivistream.core.target.Models.build("logistic-regression", data, new double[] {10}, Double.NaN);
  }

  /** Synthetic logistic-regression rows (intercept + standard-normal features), for scaling runs. */
  public static Dataset syntheticLogistic(int rows, int dim, long seed) {
    java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
    double[][] x = new double[rows][dim];
    double[] y = new double[rows];
    double[] beta = new double[dim];
    for (int j = 0; j < dim; j++) {
      beta[j] = io.sivistream.core.nn.Gaussian.next(rng) / Math.sqrt(dim);
    }
    for (int i = 0; i < rows; i++) {
      double eta = 0;
      x[i][0] = 1.0;
      eta += beta[0];
      for (int j = 1; j < dim; j++) {
        x[i][j] = io.sivistream.core.nn.Gaussian.next(rng);
        eta += beta[j] * x[i][j];
      }
      y[i] = rng.nextDouble() < 1.0 / (1.0 + Math.exp(-eta)) ? 1.0 : 0.0;
    }
    List<String> names = new java.util.ArrayList<>();
    names.add("intercept");
    for (int j = 1; j < dim; j++) {
      names.add("x" + j);
    }
    return new Dataset(names, x, y, "synthetic");
  }
}
