package io.sivistream.core.mcmc;

/**
 * Nesterov dual averaging of log(step size) towards a target acceptance statistic (Hoffman &amp;
 * Gelman 2014, section 3.2, with Stan's constants gamma = 0.05, t0 = 10, kappa = 0.75). An immutable
 * value: {@link #update} returns the next state.
 *
 * @param mu shrinkage point of log(step size), log(10 * initial step size)
 * @param delta target acceptance statistic
 * @param counter updates so far
 * @param sBar running average of (delta - acceptance statistic)
 * @param x current log(step size), the one to use for the next iteration
 * @param xBar weighted average of x, whose exponential is the final step size
 */
record DualAveraging(double mu, double delta, int counter, double sBar, double x, double xBar) {

  private static final double GAMMA = 0.05;
  private static final double T0 = 10;
  private static final double KAPPA = 0.75;

  /** A fresh adaptation around the step size {@code stepSize}. */
  static DualAveraging start(double stepSize, double delta) {
    double mu = Math.log(10 * stepSize);
    return new DualAveraging(mu, delta, 0, 0, Math.log(stepSize), 0);
  }

  /** Folds in the acceptance statistic of one iteration (clipped to 1). */
  DualAveraging update(double acceptStat) {
    double a = Math.min(acceptStat, 1.0);
    if (Double.isNaN(a)) {
      a = 0; // a NaN statistic comes from a diverging trajectory: treat it as a rejection
    }
    int n = counter + 1;
    double eta = 1.0 / (n + T0);
    double s = (1 - eta) * sBar + eta * (delta - a);
    double xNew = mu - s * Math.sqrt(n) / GAMMA;
    double w = Math.pow(n, -KAPPA);
    double xb = (1 - w) * xBar + w * xNew;
    return new DualAveraging(mu, delta, n, s, xNew, xb);
  }

  /** Step size for the next warmup iteration. */
  double stepSize() {
    return Math.exp(x);
  }

  /** Step size to keep after warmup: exp of the averaged iterate. */
  double finalStepSize() {
    return counter == 0 ? Math.exp(x) : Math.exp(xBar);
  }
}
