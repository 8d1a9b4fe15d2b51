package io.sivistream.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code sivistream demo} in-process: the whole pipeline for 40 s, then a clean exit. */
class DemoCommandITCase {

  /** "[  12.3s] clicks   v1   rows  300/300 ..." */
  private static final Pattern UPDATE_LINE = Pattern.compile("^\\[\\s*\\d+\\.\\ds\\] \\S+\\s+v\\d+\\s+rows .*");

  @Test
  void demoPrintsPosteriorUpdatesAndExitsCleanly() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }
    List<String> tempBefore = demoTempDirs();

    Cli r = Cli.run("demo", "--seconds", "40", "--kafka-port", Integer.toString(port), "--port",
        "0");

    assertThat(r.status()).as(r.toString()).isZero();
    List<String> updates = r.out().lines().filter(l -> UPDATE_LINE.matcher(l).matches()).toList();
    assertThat(updates).as(r.toString()).hasSizeGreaterThanOrEqualTo(2);
    assertThat(updates).anySatisfy(l -> assertThat(l).contains(" v1 ").contains("intercept")
        .containsPattern("x1 [+-]\\d\\.\\d\\d±\\d\\.\\d\\d \\(true [+-]\\d\\.\\d\\d\\)"));
    assertThat(r.err()).contains("Kafka broker at 127.0.0.1:" + port)
        .containsPattern("dashboard and HTTP API at http://127\\.0\\.0\\.1:\\d+/")
        .contains("sivistream demo: stopped after");
    // the demo's own folder (Flink's files); the broker deletes its log folder itself, which
    // EmbeddedKafkaITCase checks (other runs on this machine may hold such folders right now)
    List<String> left = demoTempDirs();
    left.removeAll(tempBefore);
    assertThat(left).as("temporary folders left behind").isEmpty();
  }

  private static List<String> demoTempDirs() {
    String[] names = new File(System.getProperty("java.io.tmpdir")).list(
        (dir, name) -> name.startsWith("sivistream-demo-"));
    return names == null ? new ArrayList<>() : new ArrayList<>(Arrays.asList(names));
  }
}
