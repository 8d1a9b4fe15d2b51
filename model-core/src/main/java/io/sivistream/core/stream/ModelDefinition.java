package io.sivistream.core.stream;

import io.sivistream.core.critic.CriticConfig;
import io.sivistream.core.data.Dataset;
import io.sivistream.core.family.FamilyConfig;
import io.sivistream.core.target.Likelihood;
import io.sivistream.core.target.Prior;
import io.sivistream.core.train.TrainConfig;
import java.util.List;
import java.util.function.Function;

/**
 * What a streaming update needs to know about a model: how to build the likelihood of a set of
 * rows, the base prior p_0, and the engine settings.
 *
 * @param parameterNames names of the parameters
 * @param likelihood builds the log likelihood of a window's rows
 * @param basePrior p_0
 * @param family family shape
 * @param critic critic shape
 * @param train optimiser settings (learning rates, batch sizes, seed)
 * @param stream streaming settings
 */
public record ModelDefinition(
    List<String> parameterNames,
    Function<Dataset, Likelihood> likelihood,
    Prior basePrior,
    FamilyConfig family,
    CriticConfig critic,
    TrainConfig train,
    StreamConfig stream) {

  /**
   * Most parameters a streamed model may have. A model's keyed state holds its family, its critic
   * and both Adam moments in doubles: with the default family and critic that is 2.2 MB at 22
   * parameters, 19 MB at 1,000, 88 MB at 5,000 and 174 MB at 10,000 (measured from the networks'
   * parameter counts), and every checkpoint copies it. 10,000 admits the softmax regression of
   * MNIST size (7,850 parameters); beyond it, fit in batch.
   */
  public static final int MAX_STREAMED_PARAMETERS = 10_000;

  public ModelDefinition {
    parameterNames = List.copyOf(parameterNames);
    if (parameterNames.size() > MAX_STREAMED_PARAMETERS) {
      throw new IllegalArgumentException("the model has " + parameterNames.size()
          + " parameters; a streamed model may have at most " + MAX_STREAMED_PARAMETERS
          + " (its state grows by about 17 KB per parameter); fit it in batch instead, or use fewer features");
    }
    if (basePrior.dim() != parameterNames.size()) {
      throw new IllegalArgumentException("base prior has dimension " + basePrior.dim() + " but the model has "
          + parameterNames.size() + " parameters");
    }
  }

  public int dim() {
    return parameterNames.size();
  }
}
