package io.sivistream.core.stream;

import java.util.List;

/**
 * Everything a stream needs to continue after window {@code windowIndex}: the family and critic
 * weights with their Adam moments, the working frame, the prior for the next window, the rows a
 * sliding window retains, counters and the seed. Immutable; arrays are never modified after
 * construction. Serialised by {@link PosteriorStateCodec}.
 *
 * @param windowIndex windows processed so far (the version of the last summary)
 * @param rowsTotal rows seen so far
 * @param seed base seed of the stream; window t uses a seed derived from (seed, t)
 * @param center working frame centre (x = center + scale * u)
 * @param scale working frame scale
 * @param familyParams flat family parameters in the working frame
 * @param criticParams flat critic parameters in the working frame
 * @param familyM Adam first moment of the family
 * @param familyV Adam second moment of the family
 * @param criticM Adam first moment of the critic
 * @param criticV Adam second moment of the critic
 * @param adamSteps Adam step count
 * @param nextPrior encoded prior for the next window (PriorCodec), or empty for the base prior
 * @param retainedFeatures rows kept for sliding windows, one entry per window, each [rows][width]
 * @param retainedLabels labels of those rows
 */
public record PosteriorState(
    long windowIndex,
    long rowsTotal,
    long seed,
    double[] center,
    double[] scale,
    double[] familyParams,
    double[] criticParams,
    double[] familyM,
    double[] familyV,
    double[] criticM,
    double[] criticV,
    long adamSteps,
    byte[] nextPrior,
    List<double[][]> retainedFeatures,
    List<double[]> retainedLabels) {

  public PosteriorState {
    retainedFeatures = List.copyOf(retainedFeatures);
    retainedLabels = List.copyOf(retainedLabels);
    if (retainedFeatures.size() != retainedLabels.size()) {
      throw new IllegalArgumentException("retained windows: features and labels differ in count");
    }
  }

  public int dim() {
    return center.length;
  }
}
