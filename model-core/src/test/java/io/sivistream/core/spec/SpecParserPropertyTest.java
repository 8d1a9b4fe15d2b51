package io.sivistream.core.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever text a user puts in a spec file, parsing either gives a spec or a
 * {@link SpecException} whose message names the file: never another exception (which the CLI
 * would show as an unexpected error with a stack trace).
 */
class SpecParserPropertyTest {

  private static final List<String> KEYS = List.of("model", "label", "features", "prior", "noise",
      "family", "critic", "train", "stream", "sd", "sds", "latentDim", "hidden", "iterations",
      "batch", "seed", "windowRows", "forgetting", "mode", "prior", "unknown");
  private static final List<String> VALUES = List.of("logistic-regression", "banana", "y", "0",
      "-1", "1e400", "NaN", ".inf", "[1, 2]", "[]", "{}", "{sd: 3}", "{sds: [1, x]}", "null", "~",
      "\"\"", "[intercept, x]", "true", "2147483648", "0.5", "{hidden: [-3]}", "{iterations: 0}",
      "{windowRows: 1e9}", "&a [1]", "*a", "!!binary AAAA", "'", "\"unterminated", "[[[[[[", "- -");

  @Property(tries = 2000, seed = "20261203")
  void anyYamlLikeTextParsesOrIsASpecError(@ForAll("specs") String yaml) {
    assertParsesOrExplains(yaml);
  }

  @Property(tries = 1000, seed = "20261203")
  void arbitraryTextParsesOrIsASpecError(@ForAll String text) {
    assertParsesOrExplains(text);
  }

  private static void assertParsesOrExplains(String yaml) {
    try {
      assertThat(ModelSpec.parse(yaml, "s.yaml")).isNotNull();
    } catch (SpecException e) {
      assertThat(e.getMessage()).startsWith("s.yaml");
    }
  }

  @Provide
  Arbitrary<String> specs() {
    Arbitrary<String> line = Combinators.combine(Arbitraries.of(KEYS), Arbitraries.of(VALUES),
        Arbitraries.integers().between(0, 4)).as((k, v, indent) -> " ".repeat(indent * 2) + k + ": " + v);
    return line.list().ofMaxSize(8).map(lines -> String.join("\n", lines));
  }
}
