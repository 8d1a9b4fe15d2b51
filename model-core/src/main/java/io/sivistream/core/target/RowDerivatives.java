package io.sivistream.core.target;

import io.sivistream.core.formula.Response;

/**
 * The log likelihood of one row as a function of its linear predictor η and the unconstrained
 * auxiliary parameters u (u = log(θ − lower bound), θ the natural sigma, nu or shape), with its
 * first and second derivatives. A scratch value: {@link #prepare} (once per point: what depends on
 * the auxiliary parameters alone, such as Student-t's log Γ and ψ of ν) and {@link #at} (per row)
 * overwrite it; one per thread of work. The score path skips the value and the second
 * derivatives, the Hessian path the value: those are the costly parts (log Γ, ψ, ψ').
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

  /** Which parts {@link #at} computes. */
  enum Need { VALUE, GRADIENT, HESSIAN }

  private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
  private static final double HALF_LOG_PI = 0.5 * Math.log(Math.PI);
  /**
   * Up to this count, the negative binomial's log Γ(y + φ) − log Γ(φ) and its ψ, ψ' differences
   * are the finite sums Σ_{k<y} log(φ+k), 1/(φ+k), −1/(φ+k)²: exact, and cheaper than the
   * functions' recurrences for the small counts such data mostly hold.
   */
  private static final int FINITE_SUM_LIMIT = 40;

  private Response response;
  private Need need;
  // per point: Student-t's ν, σ², log σ and the terms in ν alone; the negative binomial's φ, log φ, log Γ(φ), ψ(φ), ψ'(φ)
  private double nu;
  private double s2;
  private double logSigma;
  private double lgNu;
  private double halfLogNu;
  private double halfNuLogNu;
  private double psiNu;
  private double triNu;
  private double phi;
  private double logPhi;
  private double lgPhi;
  private double psiPhi;
  private double triPhi;

  /**
   * Sets the point's auxiliary parameters for the rows that follow.
   *
   * @param aux the unconstrained auxiliary parameters, as many as the response has
   */
  RowDerivatives prepare(Response r, double[] aux, Need what) {
    response = r;
    need = what;
    switch (r) {
      case GAUSSIAN -> logSigma = aux.length > 0 ? aux[0] : 0;
      case STUDENT -> {
        logSigma = aux[0];
        s2 = Math.exp(2 * aux[0]);
        nu = 1 + Math.exp(aux[1]);
        halfLogNu = 0.5 * Math.log(nu);
        halfNuLogNu = nu * halfLogNu;
        if (what == Need.VALUE) {
          lgNu = Gammas.logGamma((nu + 1) / 2) - Gammas.logGamma(nu / 2);
        } else {
          psiNu = 0.5 * Gammas.digamma((nu + 1) / 2) - 0.5 * Gammas.digamma(nu / 2);
          if (what == Need.HESSIAN) {
            triNu = 0.25 * Gammas.trigamma((nu + 1) / 2) - 0.25 * Gammas.trigamma(nu / 2);
          }
        }
      }
      case NEGATIVE_BINOMIAL -> {
        logPhi = aux[0];
        phi = Math.exp(aux[0]);
        lgPhi = what == Need.VALUE ? Gammas.logGamma(phi) : 0;
        psiPhi = what == Need.VALUE ? 0 : Gammas.digamma(phi);
        triPhi = what == Need.HESSIAN ? Gammas.trigamma(phi) : 0;
      }
      default -> {
      }
    }
    return this;
  }

  /**
   * Evaluates one row at the prepared point.
   *
   * @param y the response
   * @param eta the linear predictor
   * @param extra the row's trials (binomial) or known sd (gaussian with se), else ignored
   * @param constant the row's part of the log density that depends on no parameter (−log y!, log C(n, y))
   * @param knownSe whether a gaussian row has a known sd in extra (and no sigma)
   */
  RowDerivatives at(double y, double eta, double extra, double constant, boolean knownSe) {
    switch (response) {
      case GAUSSIAN -> {
        gaussian(y, eta, knownSe ? Math.log(extra) : logSigma);
        if (knownSe) {
          u[0] = 0;
          eu[0] = 0;
          uu[0][0] = 0;
        }
      }
      case STUDENT -> student(y, eta);
      case BERNOULLI -> binomial(y, eta, 1, constant);
      case BINOMIAL -> binomial(y, eta, extra, constant);
      case POISSON -> {
        double mu = Math.exp(eta);
        value = y * eta - mu + constant;
        e = y - mu;
        ee = -mu;
      }
      case NEGATIVE_BINOMIAL -> negativeBinomial(y, eta, constant);
      default -> throw new IllegalStateException("unhandled response " + response);
    }
    return this;
  }

  private void gaussian(double y, double eta, double logSd) {
    double inv = Math.exp(-2 * logSd);
    double res = y - eta;
    value = -logSd - 0.5 * res * res * inv - HALF_LOG_2PI;
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

  private void student(double y, double eta) {
    double em = nu - 1;
    double res = y - eta;
    double d = nu * s2 + res * res;
    if (need == Need.VALUE) {
      value = lgNu + halfNuLogNu + nu * logSigma - 0.5 * (nu + 1) * Math.log(d) - HALF_LOG_PI;
      return;
    }
    double d2 = d * d;
    e = (nu + 1) * res / d;
    // in log σ
    u[0] = nu - (nu + 1) * nu * s2 / d;
    // in ν, then by the chain rule in u = log(ν − 1), dν/du = ν − 1
    double lNu = psiNu + halfLogNu + 0.5 + logSigma - 0.5 * Math.log(d) - 0.5 * (nu + 1) * s2 / d;
    u[1] = em * lNu;
    if (need != Need.HESSIAN) {
      return;
    }
    ee = -(nu + 1) * (nu * s2 - res * res) / d2;
    uu[0][0] = -2 * (nu + 1) * nu * s2 * res * res / d2;
    eu[0] = -2 * (nu + 1) * res * nu * s2 / d2;
    double lNuNu = triNu + 0.5 / nu - s2 / d + 0.5 * (nu + 1) * s2 * s2 / d2;
    double lEtaNu = res / d - (nu + 1) * res * s2 / d2;
    double lSigmaNu = 1 - (2 * nu + 1) * s2 / d + (nu + 1) * nu * s2 * s2 / d2;
    uu[1][1] = em * lNu + em * em * lNuNu;
    eu[1] = em * lEtaNu;
    uu[0][1] = em * lSigmaNu;
    uu[1][0] = uu[0][1];
  }

  private void negativeBinomial(double y, double eta, double constant) {
    double mu = Math.exp(eta);
    double pm = phi + mu;
    double logPm = Math.log(pm);
    int k = (int) y;
    boolean small = y <= FINITE_SUM_LIMIT;
    if (need == Need.VALUE) {
      double lg;
      if (small) {
        lg = 0;
        for (int j = 0; j < k; j++) {
          lg += Math.log(phi + j);
        }
      } else {
        lg = Gammas.logGamma(y + phi) - lgPhi;
      }
      value = lg + phi * logPhi + y * eta - (y + phi) * logPm + constant;
      return;
    }
    double psiDiff = 0;
    double triDiff = 0;
    if (small) {
      for (int j = 0; j < k; j++) {
        double inv = 1 / (phi + j);
        psiDiff += inv;
        triDiff -= inv * inv;
      }
    } else {
      psiDiff = Gammas.digamma(y + phi) - psiPhi;
      triDiff = need == Need.HESSIAN ? Gammas.trigamma(y + phi) - triPhi : 0;
    }
    e = phi * (y - mu) / pm;
    double lPhi = psiDiff + logPhi + 1 - logPm - (y + phi) / pm;
    u[0] = phi * lPhi;
    if (need != Need.HESSIAN) {
      return;
    }
    ee = -(y + phi) * mu * phi / (pm * pm);
    double lPhiPhi = triDiff + 1 / phi - 1 / pm - (mu - y) / (pm * pm);
    uu[0][0] = phi * lPhi + phi * phi * lPhiPhi;
    eu[0] = phi * (y - mu) * mu / (pm * pm);
  }
}
