package io.sivistream.core.train;

import io.sivistream.core.family.SemiImplicitPosterior;
import io.sivistream.core.target.LinearFrame;
import java.util.List;

/** A posterior fitted in a whitened frame, sampled in the target's own coordinates x = center + L u. */
record WhitenedPosterior(SemiImplicitPosterior inFrame, LinearFrame frame) implements SemiImplicitPosterior {

  @Override
  public int dim() {
    return inFrame.dim();
  }

  @Override
  public List<String> parameterNames() {
    return inFrame.parameterNames();
  }

  @Override
  public double[][] sample(int n, long seed) {
    double[][] draws = inFrame.sample(n, seed);
    frame.toX(draws);
    return draws;
  }
}
