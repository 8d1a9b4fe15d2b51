package io.sivistream.core.bench;

import io.sivistream.core.critic.CriticConfig;
import io.sivistream.core.family.FamilyConfig;
import io.sivistream.core.target.Models;
import io.sivistream.core.target.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * How the cost of a SIVI-SM iteration grows with the parameter dimension and with the data
 * batch. Each case is timed for a fixed wall-time budget (at least a few iterations), with the
 * default family and critic shapes, 100 particles, in single precision.
 *
 * <p>Dimension 2 is the banana target; larger dimensions are logistic regressions on synthetic
 * rows (intercept + standard-normal features). 7,850 stands in for MNIST-size multinomial
 * logistic regression (10 classes x 785 inputs): the same parameter dimension and network
 * shapes, with a binary likelihood.
 */
public final class ScalingBench {

  /** Parameter dimensions of the dimension sweep. */
  public static final int[] DIMENSIONS = {2, 22, 100, 1000, 7850};
  /** Data batches of the data sweep (dimension 22). */
  public static final int[] DATA_BATCHES = {100, 400, 1600, 6400};

  private ScalingBench() {}

  /**
   * One measured case.
   *
   * @param sweep "dimension" or "data batch"
   * @param dim parameter dimension
   * @param dataBatch rows per iteration (0 for the data-free target)
   * @param result the timing
   */
  public record Row(String sweep, int dim, int dataBatch, EngineBench.Result result) {}

  /**
   * Runs both sweeps.
   *
   * @param secondsPerCase wall-time budget per case (the iteration count is derived from a short probe)
   * @param onRow called after each case, for progress
   */
  public static List<Row> run(double secondsPerCase, Consumer<Row> onRow) {
    List<Row> rows = new ArrayList<>();
    for (int dim : DIMENSIONS) {
      Target target = dim == 2 ? Models.build("banana", null, null, Double.NaN)
          : Models.build("logistic-regression", EngineBench.syntheticLogistic(2000, dim, 1), new double[] {10}, Double.NaN);
      int batch = dim == 2 ? 0 : 400;
      Row row = new Row("dimension", dim, batch, time(target, batch, secondsPerCase));
      rows.add(row);
      onRow.accept(row);
    }
    for (int dataBatch : DATA_BATCHES) {
      Target target = Models.build("logistic-regression", EngineBench.syntheticLogistic(Math.max(2000, dataBatch), 22, 1),
          new double[] {10}, Double.NaN);
      Row row = new Row("data batch", 22, dataBatch, time(target, dataBatch, secondsPerCase));
      rows.add(row);
      onRow.accept(row);
    }
    return rows;
  }

  private static EngineBench.Result time(Target target, int dataBatch, double seconds) {
    FamilyConfig family = FamilyConfig.DEFAULT;
    CriticConfig critic = CriticConfig.DEFAULT;
    // release the previous case's native buffers, so that its memory does not count here
    System.gc();
    EngineBench.Result probe = EngineBench.time(target, family, critic, 100, dataBatch, DataType.FLOAT, 5, 10);
    int iterations = (int) Math.max(5, Math.min(100_000, seconds / probe.secondsPerIteration()));
    // a warm-up of a fifth of the run lets the JIT compile the small-model loops before timing
    return EngineBench.time(target, family, critic, 100, dataBatch, DataType.FLOAT, Math.max(3, iterations / 5), iterations);
  }
}
