package io.sivistream.core.bench.jmh;

import io.sivistream.core.bench.EngineBench;
import io.sivistream.core.critic.CriticConfig;
import io.sivistream.core.family.SemiImplicitFamily;
import io.sivistream.core.nn.Mlp;
import io.sivistream.core.target.Models;
import io.sivistream.core.target.Target;
import io.sivistream.core.train.ProgressListener;
import io.sivistream.core.train.SiviSm;
import io.sivistream.core.train.SiviSmTrainer;
import io.sivistream.core.train.TrainConfig;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One full SIVI-SM iteration (family step + critic step) at the authors' waveform configuration:
 * latent 10, family 10 -> 100 -> 100 -> 22, critic 22 -> 256 -> 256 -> 22, 100 particles, 400 rows.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StepBenchmark {

  @Param({"FLOAT", "DOUBLE"})
  public String precision;

  private SiviSmTrainer trainer;
  private int next;

  @Setup
  public void setUp() {
    Target target = Models.build("logistic-regression", EngineBench.syntheticLogistic(400, 22, 1), new double[] {10}, Double.NaN);
    SemiImplicitFamily family = new SemiImplicitFamily(target.dim(), target.parameterNames(), EngineBench.AUTHORS_FAMILY);
    Mlp critic = SiviSm.criticNetwork(target.dim(), CriticConfig.DEFAULT);
    DataType type = DataType.valueOf(precision);
    TrainConfig config = new TrainConfig(Integer.MAX_VALUE, 100, 400, 1L, 1e-3, 1e-3, 0, 0.5, 0.0, 0, 0, 0, false);
    trainer = new SiviSmTrainer(target, family, critic, SiviSm.initialState(family, critic, null, 1L, type), config, 1L);
  }

  @Benchmark
  public int step() {
    int i = next++;
    return trainer.run(i, i + 1, Integer.MAX_VALUE, ProgressListener.NONE, 0);
  }
}
