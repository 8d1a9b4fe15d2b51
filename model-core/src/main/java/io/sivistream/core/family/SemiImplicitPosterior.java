package io.sivistream.core.family;

import java.util.List;

/** A fitted semi-implicit distribution that can be sampled; immutable. */
public interface SemiImplicitPosterior {

  int dim();

  List<String> parameterNames();

  /** n independent draws, shape [n][dim], deterministic in seed. */
  double[][] sample(int n, long seed);
}
