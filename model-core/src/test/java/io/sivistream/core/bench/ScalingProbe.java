package io.sivistream.core.bench;

public final class ScalingProbe {
  public static void main(String[] a) {
    ScalingBench.run(Double.parseDouble(a[0]), r -> System.out.printf("%s d=%d batch=%d s/it=%.5f it/s=%.1f rssMB=%d%n",
        r.sweep(), r.dim(), r.dataBatch(), r.result().secondsPerIteration(), r.result().iterationsPerSecond(),
        r.result().peakBytes() >> 20));
  }
}
