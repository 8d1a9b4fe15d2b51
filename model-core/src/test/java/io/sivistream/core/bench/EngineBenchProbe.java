package io.sivistream.core.bench;

import io.sivistream.core.critic.CriticConfig;
import io.sivistream.core.data.Dataset;
import io.sivistream.core.target.Models;
import io.sivistream.core.target.Target;
import org.nd4j.linalg.api.buffer.DataType;

/** Manual probe: java ... EngineBenchProbe [iterations] [float|double]. */
public final class EngineBenchProbe {
  public static void main(String[] args) {
    int it = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    DataType type = args.length > 1 && args[1].equals("double") ? DataType.DOUBLE : DataType.FLOAT;
    Dataset data = EngineBench.waveform();
    Target t = Models.build("logistic-regression", data, new double[] {10}, Double.NaN);
    for (int r = 0; r < 3; r++) {
      EngineBench.Result res = EngineBench.time(t, EngineBench.AUTHORS_FAMILY, CriticConfig.DEFAULT, 100, 400, type, 200, it);
      System.out.printf("it_per_s=%.1f cpu_it_per_s=%.1f peakMB=%d%n", res.iterationsPerSecond(), res.iterations() / res.cpuSeconds(), res.peakBytes() >> 20);
    }
  }
}
