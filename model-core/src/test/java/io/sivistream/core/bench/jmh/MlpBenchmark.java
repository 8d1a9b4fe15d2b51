package io.sivistream.core.bench.jmh;

import io.sivistream.core.nn.Activation;
import io.sivistream.core.nn.Mlp;
import io.sivistream.core.nn.MlpPass;
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

/** Forward and backward passes of the waveform critic (22 -> 256 -> 256 -> 22) and family MLP (10 -> 100 -> 100 -> 22), batch 100. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MlpBenchmark {

  @Param({"critic", "family"})
  public String network;

  private MlpPass pass;
  private INDArray input;
  private INDArray gradOutput;

  @Setup
  public void setUp() {
    Mlp mlp = network.equals("critic") ? new Mlp(new int[] {22, 256, 256, 22}, Activation.RELU)
        : new Mlp(new int[] {10, 100, 100, 22}, Activation.RELU);
    INDArray params = Nd4j.createFromArray(mlp.initParams(1, 0.1)).castTo(DataType.FLOAT);
    INDArray grads = Nd4j.zerosLike(params);
    pass = mlp.pass(params, grads, 100);
    Nd4j.getRandom().setSeed(1);
    input = Nd4j.randn(DataType.FLOAT, 100, mlp.inputDim());
    gradOutput = Nd4j.randn(DataType.FLOAT, 100, mlp.outputDim());
  }

  @Benchmark
  public INDArray forward() {
    return pass.forward(input);
  }

  @Benchmark
  public INDArray forwardBackward() {
    pass.forward(input);
    return pass.backward(gradOutput, true);
  }
}
