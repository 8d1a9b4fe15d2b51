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
  }

  @Test
  void noCommandIsAUsageError() {
    Cli r = Cli.run();
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.errLines()).containsExactly(
        "sivistream: missing command, e.g. 'sivistream fit' (see 'sivistream --help')");
  }
}
