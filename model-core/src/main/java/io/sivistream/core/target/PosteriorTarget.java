package io.sivistream.core.target;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Posterior ∝ prior × likelihood^w. On a minibatch of rows the likelihood is rescaled by
 * rows() / rows.length, so the score is unbiased for the full-data score. The weight w is 1 but
 * for a uniform sample of a larger set of rows (a streaming window beyond its row cap): there each
 * sampled row stands for w = rows seen / rows kept, so the likelihood is that of the true count.
 *
 * <p>Usage: {@code Target t = new PosteriorTarget(NormalPrior.isotropic(d, 10),
 * new LogisticRegression(features, y, names));}
 */
public final class PosteriorTarget implements Target {

  private final Prior prior;
  private final Likelihood likelihood;
  private final double weight;

  public PosteriorTarget(Prior prior, Likelihood likelihood) {
    this(prior, likelihood, 1.0);
  }

  /**
   * @param weight how many rows each of the likelihood's rows stands for, finite and >= 1
   */
  public PosteriorTarget(Prior prior, Likelihood likelihood, double weight) {
    if (prior.dim() != likelihood.dim()) {
      throw new IllegalArgumentException(
          "prior dimension " + prior.dim() + " does not match likelihood dimension " + likelihood.dim());
    }
    if (!(weight >= 1) || !Double.isFinite(weight)) {
      throw new IllegalArgumentException("likelihood weight must be finite and >= 1, got " + weight);
    }
    this.prior = prior;
    this.likelihood = likelihood;
    this.weight = weight;
  }

  /** How many rows each likelihood row stands for (1 unless the rows are a sample). */
  public double likelihoodWeight() {
    return weight;
  }

  public Prior prior() {
    return prior;
  }

  public Likelihood likelihood() {
    return likelihood;
  }

  /** GLM likelihoods (linear, logistic, Poisson with log link) under a log-concave prior are log-concave. */
  @Override
  public boolean logConcave() {
    return prior.logConcave() && likelihood instanceof GlmLikelihood;
  }

  @Override
  public int dim() {
    return likelihood.dim();
  }

  @Override
  public List<String> parameterNames() {
    return likelihood.parameterNames();
  }

  @Override
  public int dataRows() {
    return likelihood.rows();
  }

  @Override
  public ScoreAt scoreAt(INDArray x, int[] rows) {
    double scale = weight * (rows == null ? 1.0 : (double) likelihood.rows() / rows.length);
    if (likelihood instanceof GlmLikelihood glm && prior instanceof AffineScorePrior gaussian) {
      // The common case (a normal base prior, or a streaming window's Gaussian snapshot): the
      // prior terms are the starting values of the likelihood's gemms.
      return glm.scoreAt(x, rows, scale, gaussian);
    }
    ScoreAt lik = likelihood.scoreAt(x, rows, scale);
    ScoreAt pri = prior.scoreAt(x);
    INDArray score = lik.score().add(pri.score());
    return new ScoreAt() {
      @Override
      public INDArray score() {
        return score;
      }

      @Override
      public INDArray hessianVectorProduct(INDArray v) {
        return lik.hessianVectorProduct(v).add(pri.hessianVectorProduct(v));
      }
    };
  }

  @Override
  public double logDensity(double[] x) {
    return prior.logDensity(x) + weight * likelihood.logDensity(x);
  }

  @Override
  public double[] gradLogDensity(double[] x) {
    double[] g = likelihood.gradLogDensity(x);
    if (weight != 1.0) {
      for (int j = 0; j < g.length; j++) {
        g[j] *= weight;
      }
    }
    if (prior instanceof NormalPrior normal) {
      // Saves an allocation per call in HMC.
      double[] negPrecision = normal.negPrecision();
      for (int j = 0; j < g.length; j++) {
        g[j] += negPrecision[j] * x[j];
      }
      return g;
    }
    double[] p = prior.gradLogDensity(x);
    for (int j = 0; j < g.length; j++) {
      g[j] += p[j];
    }
    return g;
  }
}
