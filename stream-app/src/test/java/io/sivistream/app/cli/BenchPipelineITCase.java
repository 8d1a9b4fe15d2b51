package io.sivistream.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code sivistream bench pipeline} in-process, briefly, at small rates: it must report real
 * throughput and refresh latencies and exit 0. No timing thresholds: the numbers depend on the
 * machine; their plausibility is checked, not their size.
 */
class BenchPipelineITCase {

  /** The final "bench-pipeline key=value ..." line as a map. */
  private static Map<String, String> machineLine(Cli r) {
    String line = r.out().lines().filter(l -> l.startsWith("bench-pipeline ")).findFirst()
        .orElseThrow(() -> new AssertionError("no bench-pipeline line\n" + r));
    Map<String, String> m = new HashMap<>();
    for (String kv : line.substring("bench-pipeline ".length()).split(" ")) {
      String[] p = kv.split("=", 2);
      m.put(p[0], p[1]);
    }
    return m;
  }

  private static double number(Map<String, String> m, String key) {
    assertThat(m).containsKey(key);
    return Double.parseDouble(m.get(key));
  }

  @Test
  void pipelineWithoutTheEngineCarriesRowsIntoCommittedSummaries() {
    Cli r = Cli.run("bench", "pipeline", "--update", "none", "--seconds", "15", "--rate", "2000",
        "--warmup", "5", "--progress-every", "2");

    assertThat(r.status()).as(r.toString()).isZero();
    Map<String, String> m = machineLine(r);
    assertThat(m.get("update")).isEqualTo("none");
    assertThat(number(m, "in_per_s")).as(r.toString()).isPositive();
    assertThat(number(m, "out_per_s")).as(r.toString()).isPositive();
    assertThat(number(m, "windows")).as(r.toString()).isGreaterThanOrEqualTo(1);
    assertThat(number(m, "latency_p50_s")).as(r.toString()).isPositive()
        .isLessThanOrEqualTo(number(m, "latency_p99_s"));
    long rowsIn = Long.parseLong(m.get("rows_in"));
    long rowsOut = Long.parseLong(m.get("rows_out"));
    assertThat(rowsOut).as("committed rows never exceed produced rows").isPositive()
        .isLessThanOrEqualTo(rowsIn);
    assertThat(number(m, "rss_max_mib")).isPositive();
    // progress lines on stderr, the summary table on stdout
    assertThat(r.err()).contains("bench pipeline: broker 127.0.0.1:").containsPattern(
        "\\[\\s*\\d+\\.\\ds\\] in\\s+[\\d,]+/s\\s+out\\s+[\\d,]+/s");
    assertThat(r.out()).contains("refresh latency", "out (committed)");
  }

  @Test
  void pipelineWithTheEngineCommitsPosteriors() {
    // the first (cold) update of the 22-parameter model takes 10-20 s on two cores
    Cli r = Cli.run("bench", "pipeline", "--seconds", "45", "--rate", "500", "--warmup", "0",
        "--progress-every", "5");

    assertThat(r.status()).as(r.toString()).isZero();
    Map<String, String> m = machineLine(r);
    assertThat(m.get("update")).isEqualTo("engine");
    assertThat(number(m, "out_per_s")).as(r.toString()).isPositive();
    assertThat(number(m, "windows")).as(r.toString()).isGreaterThanOrEqualTo(1);
    assertThat(number(m, "latency_p99_s")).as(r.toString()).isPositive();
    assertThat(number(m, "update_p50_s")).as(r.toString()).isPositive();
  }
}
