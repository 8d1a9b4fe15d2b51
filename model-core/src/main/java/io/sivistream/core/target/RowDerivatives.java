package io.sivistream.core.target;

import io.sivistream.core.formula.Response;

/**
 * The log likelihood of one row as a function of its linear predictor η and the unconstrained
 * auxiliary parameters u (u = log(θ − lower bound), θ the natural sigma, nu or shape), with its
 * first and second derivatives. A scratch value: {@link #at} overwrites it, one per thread of work.
 *
 * <p>Closed forms, with r = y − η (gaussian, Student-t), μ = e^η, p = logit⁻¹(η):
 * <ul>
 *   <li>gaussian, σ = e^u: ℓ = −u − r²/(2σ²) − ½log 2π; ℓ_η = r/σ²; ℓ_ηη = −1/σ²; ℓ_u = r²/σ² − 1;
 *       ℓ_ηu = −2r/σ²; ℓ_uu = −2r²/σ²;</li>
 *   <li>Student-t, D = νσ² + r²: ℓ = lgΓ((ν+1)/2) − lgΓ(ν/2) + (ν/2) log ν + ν log σ − ((ν+1)/2) log D − ½ log π;
 *       ℓ_η = (ν+1) r/D, and so on by differentiating (tested against finite differences);</li>
 *   <li>binomial (bernoulli with n = 1): ℓ = yη − n log(1 + e^η) + log C(n, y); ℓ_η = y − np; ℓ_ηη = −np(1 − p);</li>
 *   <li>Poisson: ℓ = yη − μ − log y!; ℓ_η = y − μ; ℓ_ηη = −μ;</li>
 *   <li>negative binomial, φ = e^u: ℓ = lgΓ(y+φ) − lgΓ(φ) − log y! + φ log φ + yη − (y+φ) log(φ+μ);
 *       ℓ_η = φ(y − μ)/(φ + μ); ℓ_ηη = −(y+φ)μφ/(φ+μ)².</li>
 * </ul>
 */
final class RowDerivatives {

  double value;
  /** ∂ℓ/∂η, ∂²ℓ/∂η². */
  double e;
  double ee;
  /** ∂ℓ/∂u_a, ∂²ℓ/∂η∂u_a, ∂²ℓ/∂u_a∂u_b (a, b < 2). */
  final double[] u = new double[2];
  final double[] eu = new double[2];
  final double[][] uu = new double[2][2];

  private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
  private static final double HALF_LOG_PI = 0.5 * Math.log(Math.PI);

  /**
   * Evaluates row i's log likelihood.
   *
   * @param y the response
   * @param eta the linear predictor
   * @param aux the unconstrained auxiliary parameters, as many as the response has
   * @param extra the row's trials (binomial) or known sd (gaussian with se), else ignored
   * @param constant the row's part of the log density that depends on no parameter (−log y!, log C(n, y))
   * @param knownSe whether a gaussian row has a known sd in extra (and no sigma)
   */
  RowDerivatives at(Response r, double y, double eta, double[] aux, double extra, double constant, boolean knownSe) {
    switch (r) {
      case GAUSSIAN -> {
        if (knownSe) {
          gaussian(y, eta, Math.log(extra));
          u[0] = 0;
          eu[0] = 0;
          uu[0][0] = 0;
        } else {
          gaussian(y, eta, aux[0]);
        }
      }
      case STUDENT -> student(y, eta, aux[0], aux[1]);
      case BERNOULLI -> binomial(y, eta, 1, constant);
      case BINOMIAL -> binomial(y, eta, extra, constant);
      case POISSON -> {
        double mu = Math.exp(eta);
        value = y * eta - mu + constant;
        e = y - mu;
        ee = -mu;
      }
      case NEGATIVE_BINOMIAL -> negativeBinomial(y, eta, aux[0], constant);
      default -> throw new IllegalStateException("unhandled response " + r);
    }
    return this;
  }

  private void gaussian(double y, double eta, double logSigma) {
    double inv = Math.exp(-2 * logSigma);
    double res = y - eta;
    value = -logSigma - 0.5 * res * res * inv - HALF_LOG_2PI;
    e = res * inv;
    ee = -inv;
    u[0] = res * res * inv - 1;
    eu[0] = -2 * res * inv;
    uu[0][0] = -2 * res * res * inv;
  }

  private void binomial(double y, double eta, double n, double constant) {
    // log(1 + e^η) without overflow, and p = logit⁻¹(η) from the side that does not cancel
    double softplus = eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta));
    double p = eta > 0 ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta) / (1 + Math.exp(eta));
    value = y * eta - n * softplus + constant;
    e = y - n * p;
    ee = -n * p * (1 - p);
  }

  private void student(double y, double eta, double logSigma, double logNuMinus1) {
    double s2 = Math.exp(2 * logSigma);
    double nu = 1 + Math.exp(logNuMinus1);
    double em = nu - 1;
    double res = y - eta;
    double d = nu * s2 + res * res;
    double d2 = d * d;
    value = Gammas.logGamma((nu + 1) / 2) - Gammas.logGamma(nu / 2) + 0.5 * nu * Math.log(nu) + nu * logSigma
        - 0.5 * (nu + 1) * Math.log(d) - HALF_LOG_PI;
    e = (nu + 1) * res / d;
    ee = -(nu + 1) * (nu * s2 - res * res) / d2;
    // derivatives in log σ
    u[0] = nu - (nu + 1) * nu * s2 / d;
    uu[0][0] = -2 * (nu + 1) * nu * s2 * res * res / d2;
    eu[0] = -2 * (nu + 1) * res * nu * s2 / d2;
    // in ν, then by the chain rule in u = log(ν − 1), dν/du = ν − 1
    double lNu = 0.5 * Gammas.digamma((nu + 1) / 2) - 0.5 * Gammas.digamma(nu / 2) + 0.5 * Math.log(nu) + 0.5 + logSigma
        - 0.5 * Math.log(d) - 0.5 * (nu + 1) * s2 / d;
    double lNuNu = 0.25 * Gammas.trigamma((nu + 1) / 2) - 0.25 * Gammas.trigamma(nu / 2) + 0.5 / nu - s2 / d
        + 0.5 * (nu + 1) * s2 * s2 / d2;
    double lEtaNu = res / d - (nu + 1) * res * s2 / d2;
    double lSigmaNu = 1 - (2 * nu + 1) * s2 / d + (nu + 1) * nu * s2 * s2 / d2;
    u[1] = em * lNu;
    uu[1][1] = em * lNu + em * em * lNuNu;
    eu[1] = em * lEtaNu;
    uu[0][1] = em * lSigmaNu;
    uu[1][0] = uu[0][1];
  }

  private void negativeBinomial(double y, double eta, double logPhi, double constant) {
    double phi = Math.exp(logPhi);
    double mu = Math.exp(eta);
    double pm = phi + mu;
    value = Gammas.logGamma(y + phi) - Gammas.logGamma(phi) + phi * logPhi + y * eta - (y + phi) * Math.log(pm)
        + constant;
    e = phi * (y - mu) / pm;
    ee = -(y + phi) * mu * phi / (pm * pm);
    double lPhi = Gammas.digamma(y + phi) - Gammas.digamma(phi) + logPhi + 1 - Math.log(pm) - (y + phi) / pm;
    double lPhiPhi = Gammas.trigamma(y + phi) - Gammas.trigamma(phi) + 1 / phi - 1 / pm - (mu - y) / (pm * pm);
    u[0] = phi * lPhi;
    uu[0][0] = phi * lPhi + phi * phi * lPhiPhi;
    eu[0] = phi * (y - mu) * mu / (pm * pm);
  }
}
