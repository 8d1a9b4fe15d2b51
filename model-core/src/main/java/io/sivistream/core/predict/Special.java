package io.sivistream.core.predict;

/**
 * The few special functions the predictive summaries need: the standard normal CDF and the
 * Poisson CDF (through the regularized incomplete gamma function).
 */
final class Special {

  private static final double[] LANCZOS = {0.99999999999980993, 676.5203681218851,
      -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
      -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7};
  private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
  private static final double EPS = 1e-15;
  private static final int MAX_ITERATIONS = 100_000;

  private Special() {}

  /**
   * Φ(x), the standard normal CDF, to about 1e-14 absolute: Hart's (1968) rational approximation
   * in the double-precision form of West, "Better approximations to cumulative normal functions"
   * (Wilmott, 2005).
   */
  static double normalCdf(double x) {
    double a = Math.abs(x);
    double tail;
    if (a > 37) {
      tail = 0;
    } else {
      double e = Math.exp(-a * a / 2);
      if (a < 7.07106781186547) {
        double n = 3.52624965998911e-02 * a + 0.700383064443688;
        n = n * a + 6.37396220353165;
        n = n * a + 33.912866078383;
        n = n * a + 112.079291497871;
        n = n * a + 221.213596169931;
        n = n * a + 220.206867912376;
        double d = 8.83883476483184e-02 * a + 1.75566716318264;
        d = d * a + 16.064177579207;
        d = d * a + 86.7807322029461;
        d = d * a + 296.564248779674;
        d = d * a + 637.333633378831;
        d = d * a + 793.826512519948;
        d = d * a + 440.413735824752;
        tail = e * n / d;
      } else {
        double b = a + 0.65;
        b = a + 4 / b;
        b = a + 3 / b;
        b = a + 2 / b;
        b = a + 1 / b;
        tail = e / b / 2.506628274631;
      }
    }
    return x > 0 ? 1 - tail : tail;
  }

  /** log Γ(x) for x > 0 (Lanczos, g = 7, about 15 significant digits). */
  static double logGamma(double x) {
    if (!(x > 0)) {
      throw new IllegalArgumentException("logGamma needs x > 0, got " + x);
    }
    if (x < 0.5) {
      // reflection: Γ(x) Γ(1 - x) = π / sin(πx)
      return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
    }
    double z = x - 1;
    double sum = LANCZOS[0];
    for (int i = 1; i < LANCZOS.length; i++) {
      sum += LANCZOS[i] / (z + i);
    }
    double t = z + 7.5;
    return HALF_LOG_2PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
  }

  /**
   * P(Y ≤ k) for Y ~ Poisson(rate): Q(k + 1, rate), the regularized upper incomplete gamma
   * function (series below a + 1, Lentz's continued fraction above; Numerical Recipes §6.2).
   */
  static double poissonCdf(long k, double rate) {
    if (k < 0) {
      return 0;
    }
    if (rate == 0) {
      return 1;
    }
    double a = k + 1.0;
    double x = rate;
    double logPrefix = -x + a * Math.log(x) - logGamma(a);
    if (x < a + 1) {
      // lower series: P(a, x) = e^{-x} x^a / Γ(a+1) Σ x^n / ((a+1)...(a+n))
      double term = 1 / a;
      double sum = term;
      for (int n = 1; n < MAX_ITERATIONS; n++) {
        term *= x / (a + n);
        sum += term;
        if (Math.abs(term) < Math.abs(sum) * EPS) {
          break;
        }
      }
      return Math.max(0, 1 - sum * Math.exp(logPrefix));
    }
    double tiny = 1e-300;
    double b = x + 1 - a;
    double c = 1 / tiny;
    double d = 1 / b;
    double h = d;
    for (int i = 1; i < MAX_ITERATIONS; i++) {
      double an = -i * (i - a);
      b += 2;
      d = an * d + b;
      d = Math.abs(d) < tiny ? tiny : d;
      c = b + an / c;
      c = Math.abs(c) < tiny ? tiny : c;
      d = 1 / d;
      double delta = d * c;
      h *= delta;
      if (Math.abs(delta - 1) < EPS) {
        break;
      }
    }
    return Math.min(1, Math.exp(logPrefix) * h);
  }
}
