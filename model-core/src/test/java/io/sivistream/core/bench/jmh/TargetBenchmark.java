package io.sivistream.core.bench.jmh;

import io.sivistream.core.bench.EngineBench;
import io.sivistream.core.data.Dataset;
import io.sivistream.core.target.Models;
import io.sivistream.core.target.ScoreAt;
import io.sivistream.core.target.Target;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
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

/** Batched target score and Hessian-vector product: 100 particles, regression posteriors on 400 rows. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TargetBenchmark {

  @Param({"logistic-regression", "poisson-regression", "banana"})
  public String model;

  private Target target;
  private INDArray x;
  private INDArray v;

  @Setup
  public void setUp() {
    if (Models.needsData(model)) {
      Dataset data = EngineBench.syntheticLogistic(400, 22, 1);
      target = Models.build(model, data, new double[] {10}, Double.NaN);
    } else {
      target = Models.build(model, null, null, Double.NaN);
    }
    Nd4j.getRandom().setSeed(1);
    x = Nd4j.randn(DataType.FLOAT, 100, target.dim()).muli(0.1);
    v = Nd4j.randn(DataType.FLOAT, 100, target.dim());
  }

  @Benchmark
  public INDArray score() {
    return target.scoreAt(x, null).score();
  }

  @Benchmark
  public INDArray scoreAndHvp() {
    ScoreAt at = target.scoreAt(x, null);
    at.score();
    return at.hessianVectorProduct(v);
  }
}
