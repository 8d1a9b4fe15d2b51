package io.sivistream.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CliHelpTest {

  @Test
  void topLevelHelpListsTheCommands() {
    Cli r = Cli.run("--help");
    assertThat(r.status()).as(r.toString()).isZero();
    assertThat(r.out()).contains("Usage: sivistream").contains("fit").contains("hmc").contains("--version");
    assertThat(r.err()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"fit", "hmc"})
  void everyCommandHasHelp(String command) {
    Cli r = Cli.run(command, "--help");
    assertThat(r.status()).as(r.toString()).isZero();
    assertThat(r.out()).contains("Usage: sivistream " + command).contains("--spec=S.yaml").contains("--data=F.csv")
        .contains("--draws-out=D.csv").contains("--draws=N").contains("--help").contains("--version")
        .contains("--debug");
    assertThat(Cli.run("help", command).out()).isEqualTo(r.out());
  }

  @Test
  void fitHelpShowsItsOptionsAndDefaults() {
    String out = Cli.run("fit", "--help").out();
    assertThat(out).contains("--summary-out=J.json").contains("--plot=P.png").contains("--iterations=N")
        .contains("--seed=N").contains("(default: 4000)");
  }

  @Test
  void hmcHelpShowsItsOptionsAndDefaults() {
    String out = Cli.run("hmc", "--help").out();
    assertThat(out).contains("--chains=N").contains("--warmup=N").contains("--seed=N").contains("(default: 4)")
        .contains("(default: 1000)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"--version", "fit --version", "hmc --version"})
  void versionIsPrinted(String args) {
    Cli r = Cli.run(args.split(" "));
    assertThat(r.status()).isZero();
    assertThat(r.out()).startsWith("sivistream ");
    // the commit the classes were built from: this checkout's HEAD, as git itself reports it
    String head = gitHead();
    String first = r.out().lines().findFirst().orElseThrow();
    assertThat(first).matches("sivistream \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(commit [0-9a-f]{12}(-dirty)?\\)");
    if (head != null) {
      assertThat(first).contains("(commit " + head.substring(0, 12));
    }
  }

  /** HEAD's commit id from git, or null outside a git checkout. */
  private static String gitHead() {
    try {
      Process p = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
      return p.waitFor() == 0 && out.matches("[0-9a-f]{40}") ? out : null;
    } catch (java.io.IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  @Test
  void noCommandIsAUsageError() {
    Cli r = Cli.run();
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.errLines()).containsExactly(
        "sivistream: missing command, e.g. 'sivistream fit' (see 'sivistream --help')");
  }
}
