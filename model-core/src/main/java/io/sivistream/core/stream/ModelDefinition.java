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

  public ModelDefinition {
    parameterNames = List.copyOf(parameterNames);
    if (basePrior.dim() != parameterNames.size()) {
      throw new IllegalArgumentException("base prior has dimension " + basePrior.dim() + " but the model has "
          + parameterNames.size() + " parameters");
    }
  }

  public int dim() {
    return parameterNames.size();
  }
}
