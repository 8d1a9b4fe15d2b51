package io.sivistream.core.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sivistream.core.spec.ModelSpec;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ModelDefinitionsTest {

  private static List<String> features(int n) {
    return IntStream.range(0, n).mapToObj(i -> "x" + i).toList();
  }

  @Test
  void aStreamedModelAtTheParameterLimitIsBuilt() {
    ModelDefinition d = ModelDefinitions.of(ModelSpec.of("logistic-regression", "y"),
        features(ModelDefinition.MAX_STREAMED_PARAMETERS));
    assertThat(d.dim()).isEqualTo(ModelDefinition.MAX_STREAMED_PARAMETERS);
  }

  @Test
  void oneParameterBeyondTheLimitIsRefusedWithWhatToDo() {
    assertThatThrownBy(() -> ModelDefinitions.of(ModelSpec.of("logistic-regression", "y"),
        features(ModelDefinition.MAX_STREAMED_PARAMETERS + 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the model has 10001 parameters; a streamed model may have at most 10000 (its state grows"
            + " by about 17 KB per parameter); fit it in batch instead, or use fewer features");
  }
}
