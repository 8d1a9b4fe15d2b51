package io.sivistream.core.mcmc;

import io.sivistream.core.target.Target;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * One NUTS chain: multinomial trajectory sampling with the generalised no-U-turn criterion (Betancourt
 * 2017, "A Conceptual Introduction to Hamiltonian Monte Carlo", appendix A), a diagonal Euclidean
 * metric, and Stan's windowed warmup. It follows Stan's base_nuts.hpp closely, including the extra
 * U-turn checks across the two halves of every merged subtree.
 *
 * <p>Deliberately mutable: every buffer of the recursive tree build is allocated once per depth level,
 * so the leapfrog loop allocates nothing besides the target's gradient array. One instance serves one
 * chain on one thread.
 */
final class NutsChain {

  /** Energy error beyond which a trajectory is declared divergent (Stan's value). */
  private static final double MAX_DELTA_H = 1000;
  private static final double LOG_08 = Math.log(0.8);
  private static final int MAX_INIT_TRIES = 100;

  private final Target target;
  private final int dim;
  private final int maxDepth;
  private final SplittableRandom rng;
  private final double[] invMetric;
  private final double[] sqrtMetric; // sqrt(1 / invMetric): momentum scale

  // The integrator state, the trajectory ends and the current sample.
  private final PhasePoint z;
  private final PhasePoint zFwd;
  private final PhasePoint zBck;
  private final PhasePoint zSample;
  private final PhasePoint zPropose;
  private final PhasePoint zInit;

  // Top-level momenta and sharp momenta at the ends of the forward and backward subtrees.
  private final double[] pFwdFwd;
  private final double[] pSharpFwdFwd;
  private final double[] pFwdBck;
  private final double[] pSharpFwdBck;
  private final double[] pBckFwd;
  private final double[] pSharpBckFwd;
  private final double[] pBckBck;
  private final double[] pSharpBckBck;
  private final double[] rho;
  private final double[] rhoFwd;
  private final double[] rhoBck;

  // Per-depth workspace of buildTree (index = depth of the call using it).
  private final double[][] pInitEnd;
  private final double[][] pSharpInitEnd;
  private final double[][] pFinalBeg;
  private final double[][] pSharpFinalBeg;
  private final double[][] rhoInit;
  private final double[][] rhoFinal;
  private final PhasePoint[] zProposeFinal;

  // Accumulators of the current transition.
  private int nLeapfrog;
  private double sumMetroProb;
  private boolean divergent;
  private double stepSize = 1;

  NutsChain(Target target, int maxDepth, SplittableRandom rng) {
    this.target = target;
    this.dim = target.dim();
    this.maxDepth = maxDepth;
    this.rng = rng;
    invMetric = new double[dim];
    sqrtMetric = new double[dim];
    Arrays.fill(invMetric, 1);
    Arrays.fill(sqrtMetric, 1);
    z = new PhasePoint(dim);
    zFwd = new PhasePoint(dim);
    zBck = new PhasePoint(dim);
    zSample = new PhasePoint(dim);
    zPropose = new PhasePoint(dim);
    zInit = new PhasePoint(dim);
    pFwdFwd = new double[dim];
    pSharpFwdFwd = new double[dim];
    pFwdBck = new double[dim];
    pSharpFwdBck = new double[dim];
    pBckFwd = new double[dim];
    pSharpBckFwd = new double[dim];
    pBckBck = new double[dim];
    pSharpBckBck = new double[dim];
    rho = new double[dim];
    rhoFwd = new double[dim];
    rhoBck = new double[dim];
    pInitEnd = new double[maxDepth][dim];
    pSharpInitEnd = new double[maxDepth][dim];
    pFinalBeg = new double[maxDepth][dim];
    pSharpFinalBeg = new double[maxDepth][dim];
    rhoInit = new double[maxDepth][dim];
    rhoFinal = new double[maxDepth][dim];
    zProposeFinal = new PhasePoint[maxDepth];
    for (int k = 0; k < maxDepth; k++) {
      zProposeFinal[k] = new PhasePoint(dim);
    }
  }

  /** What one chain produced. */
  record Output(double[][] draws, double stepSize, int divergences) {
  }

  /**
   * Runs warmup and sampling.
   *
   * @param onIteration called after every iteration (warmup and sampling) with its index
   */
  Output run(int warmup, int draws, double targetAccept, IntConsumer onIteration) {
    initialise();
    initStepSize();
    WarmupSchedule schedule = WarmupSchedule.of(warmup);
    WelfordVariance window = new WelfordVariance(dim);
    DualAveraging adapt = DualAveraging.start(stepSize, targetAccept);
    for (int it = 0; it < warmup; it++) {
      double accept = transition();
      adapt = adapt.update(accept);
      stepSize = adapt.stepSize();
      if (schedule.collects(it)) {
        window.add(z.q);
      }
      if (schedule.endsWindow(it)) {
        window.regularisedVariance(invMetric);
        for (int i = 0; i < dim; i++) {
          sqrtMetric[i] = Math.sqrt(1 / invMetric[i]);
        }
        window.reset();
        // The metric changed: find a matching step size again and restart its adaptation there.
        initStepSize();
        adapt = DualAveraging.start(stepSize, targetAccept);
      }
      onIteration.accept(it);
    }
    if (warmup > 0) {
      stepSize = adapt.finalStepSize();
    }
    double[][] out = new double[draws][];
    int divergences = 0;
    for (int it = 0; it < draws; it++) {
      transition();
      if (divergent) {
        divergences++;
      }
      out[it] = z.q.clone();
      onIteration.accept(warmup + it);
    }
    return new Output(out, stepSize, divergences);
  }

  /** Draws the initial point uniformly in (-0.2, 0.2)^d, retrying until density and gradient are finite. */
  private void initialise() {
    for (int attempt = 0; attempt < MAX_INIT_TRIES; attempt++) {
      for (int i = 0; i < dim; i++) {
        z.q[i] = 0.1 * (4 * rng.nextDouble() - 2);
      }
      evaluate(z);
      if (Double.isFinite(z.logp) && allFinite(z.grad)) {
        return;
      }
    }
    throw new IllegalStateException("NUTS could not find an initial point with finite log density and gradient in "
        + MAX_INIT_TRIES + " tries near 0; check that the target is defined around the origin");
  }

  /**
   * Stan's step size heuristic: double or halve the step until the acceptance of a single leapfrog step
   * from the current point crosses 0.8.
   */
  private void initStepSize() {
    zInit.copyFrom(z);
    double deltaH = oneStepDeltaH();
    int direction = deltaH > LOG_08 ? 1 : -1;
    while (true) {
      deltaH = oneStepDeltaH();
      if (direction == 1 && !(deltaH > LOG_08)) {
        break;
      } else if (direction == -1 && !(deltaH < LOG_08)) {
        break;
      }
      stepSize = direction == 1 ? 2 * stepSize : 0.5 * stepSize;
      if (stepSize > 1e7) {
        throw new IllegalStateException("NUTS step size grew beyond 1e7 during initialisation: "
            + "the posterior is improper or flat; check the target's log density");
      }
      if (stepSize == 0) {
        throw new IllegalStateException("NUTS step size fell to 0 during initialisation: "
            + "the target's log density or gradient is not finite near the current point");
      }
    }
    z.copyFrom(zInit);
  }

  private double oneStepDeltaH() {
    z.copyFrom(zInit);
    sampleMomentum(z);
    double h0 = hamiltonian(z);
    leapfrog(z, stepSize);
    double h = hamiltonian(z);
    if (Double.isNaN(h)) {
      h = Double.POSITIVE_INFINITY;
    }
    return h0 - h;
  }

  /** One NUTS transition from z; leaves the new sample in z and returns the acceptance statistic. */
  private double transition() {
    sampleMomentum(z);
    zFwd.copyFrom(z);
    zBck.copyFrom(z);
    zSample.copyFrom(z);
    zPropose.copyFrom(z);
    System.arraycopy(z.p, 0, pFwdFwd, 0, dim);
    sharp(z.p, pSharpFwdFwd);
    System.arraycopy(z.p, 0, pFwdBck, 0, dim);
    System.arraycopy(pSharpFwdFwd, 0, pSharpFwdBck, 0, dim);
    System.arraycopy(z.p, 0, pBckFwd, 0, dim);
    System.arraycopy(pSharpFwdFwd, 0, pSharpBckFwd, 0, dim);
    System.arraycopy(z.p, 0, pBckBck, 0, dim);
    System.arraycopy(pSharpFwdFwd, 0, pSharpBckBck, 0, dim);
    System.arraycopy(z.p, 0, rho, 0, dim);

    double logSumWeight = 0; // log(exp(H0 - H0))
    double h0 = hamiltonian(z);
    nLeapfrog = 0;
    sumMetroProb = 0;
    divergent = false;

    for (int depth = 0; depth < maxDepth; depth++) {
      double lswSubtree;
      if (rng.nextDouble() > 0.5) {
        z.copyFrom(zFwd);
        System.arraycopy(rho, 0, rhoBck, 0, dim);
        System.arraycopy(pFwdBck, 0, pBckFwd, 0, dim);
        System.arraycopy(pSharpFwdBck, 0, pSharpBckFwd, 0, dim);
        lswSubtree = buildTree(depth, zPropose, pSharpFwdBck, pSharpFwdFwd, rhoFwd, pFwdBck, pFwdFwd, h0, stepSize);
        zFwd.copyFrom(z);
      } else {
        z.copyFrom(zBck);
        System.arraycopy(rho, 0, rhoFwd, 0, dim);
        System.arraycopy(pBckFwd, 0, pFwdBck, 0, dim);
        System.arraycopy(pSharpBckFwd, 0, pSharpFwdBck, 0, dim);
        lswSubtree = buildTree(depth, zPropose, pSharpBckFwd, pSharpBckBck, rhoBck, pBckFwd, pBckBck, h0, -stepSize);
        zBck.copyFrom(z);
      }
      if (Double.isNaN(lswSubtree)) {
        break; // the new subtree diverged or turned back on itself: keep the old trajectory
      }
      // Biased progressive sampling: prefer the new subtree in proportion to its weight.
      if (lswSubtree > logSumWeight || rng.nextDouble() < Math.exp(lswSubtree - logSumWeight)) {
        zSample.copyFrom(zPropose);
      }
      logSumWeight = logSumExp(logSumWeight, lswSubtree);
      for (int i = 0; i < dim; i++) {
        rho[i] = rhoBck[i] + rhoFwd[i];
      }
      boolean persist = noUTurn(pSharpBckBck, pSharpFwdFwd, rho, null)
          && noUTurn(pSharpBckBck, pSharpFwdBck, rhoBck, pFwdBck)
          && noUTurn(pSharpBckFwd, pSharpFwdFwd, rhoFwd, pBckFwd);
      if (!persist) {
        break;
      }
    }
    z.copyFrom(zSample);
    return sumMetroProb / nLeapfrog;
  }

  /**
   * Builds a subtree of 2^depth leapfrog steps from z in the direction of {@code eps}.
   *
   * @param zProp receives the subtree's multinomial sample
   * @param pSharpBeg receives the sharp momentum at the subtree's first point (in building order)
   * @param pSharpEnd receives the sharp momentum at its last point
   * @param rhoOut receives the sum of the momenta over the subtree
   * @param pBeg receives the momentum at its first point
   * @param pEnd receives the momentum at its last point
   * @return log of the subtree's summed weights exp(H0 - H), or NaN when the subtree diverged or made a
   *     U-turn (then it must be discarded)
   */
  private double buildTree(int depth, PhasePoint zProp, double[] pSharpBeg, double[] pSharpEnd, double[] rhoOut,
      double[] pBeg, double[] pEnd, double h0, double eps) {
    if (depth == 0) {
      leapfrog(z, eps);
      nLeapfrog++;
      double h = hamiltonian(z);
      if (Double.isNaN(h)) {
        h = Double.POSITIVE_INFINITY;
      }
      if (h - h0 > MAX_DELTA_H) {
        divergent = true;
      }
      sumMetroProb += h0 - h > 0 ? 1 : Math.exp(h0 - h);
      zProp.copyFrom(z);
      sharp(z.p, pSharpBeg);
      System.arraycopy(pSharpBeg, 0, pSharpEnd, 0, dim);
      System.arraycopy(z.p, 0, rhoOut, 0, dim);
      System.arraycopy(z.p, 0, pBeg, 0, dim);
      System.arraycopy(z.p, 0, pEnd, 0, dim);
      return divergent ? Double.NaN : h0 - h;
    }
    int k = depth - 1; // workspace of this level; the children use level k - 1 and below
    double lswInit = buildTree(depth - 1, zProp, pSharpBeg, pSharpInitEnd[k], rhoInit[k], pBeg, pInitEnd[k], h0, eps);
    if (Double.isNaN(lswInit)) {
      return Double.NaN;
    }
    PhasePoint zFinal = zProposeFinal[k];
    double lswFinal = buildTree(depth - 1, zFinal, pSharpFinalBeg[k], pSharpEnd, rhoFinal[k], pFinalBeg[k], pEnd,
        h0, eps);
    if (Double.isNaN(lswFinal)) {
      return Double.NaN;
    }
    double lswSubtree = logSumExp(lswInit, lswFinal);
    // Uniform progressive sampling inside a subtree: pick the second half with its share of the weight.
    if (lswFinal > lswSubtree || rng.nextDouble() < Math.exp(lswFinal - lswSubtree)) {
      zProp.copyFrom(zFinal);
    }
    double[] ri = rhoInit[k];
    double[] rf = rhoFinal[k];
    for (int i = 0; i < dim; i++) {
      rhoOut[i] = ri[i] + rf[i];
    }
    boolean persist = noUTurn(pSharpBeg, pSharpEnd, rhoOut, null)
        && noUTurn(pSharpBeg, pSharpFinalBeg[k], ri, pFinalBeg[k])
        && noUTurn(pSharpInitEnd[k], pSharpEnd, rf, pInitEnd[k]);
    return persist ? lswSubtree : Double.NaN;
  }

  /**
   * The generalised no-U-turn criterion: both end sharp momenta point along the summed momentum
   * rho (+ extra, when checking a subtree extended by one point of its neighbour).
   */
  private boolean noUTurn(double[] pSharpMinus, double[] pSharpPlus, double[] rhoSum, double[] extra) {
    double a = 0;
    double b = 0;
    if (extra == null) {
      for (int i = 0; i < dim; i++) {
        a += pSharpMinus[i] * rhoSum[i];
        b += pSharpPlus[i] * rhoSum[i];
      }
    } else {
      for (int i = 0; i < dim; i++) {
        double r = rhoSum[i] + extra[i];
        a += pSharpMinus[i] * r;
        b += pSharpPlus[i] * r;
      }
    }
    return a > 0 && b > 0;
  }

  private void leapfrog(PhasePoint s, double eps) {
    double half = 0.5 * eps;
    for (int i = 0; i < dim; i++) {
      s.p[i] += half * s.grad[i];
      s.q[i] += eps * invMetric[i] * s.p[i];
    }
    evaluate(s);
    for (int i = 0; i < dim; i++) {
      s.p[i] += half * s.grad[i];
    }
  }

  private void evaluate(PhasePoint s) {
    double lp = target.logDensity(s.q);
    s.logp = Double.isNaN(lp) ? Double.NEGATIVE_INFINITY : lp;
    double[] g = target.gradLogDensity(s.q);
    System.arraycopy(g, 0, s.grad, 0, dim);
  }

  private double hamiltonian(PhasePoint s) {
    double k = 0;
    for (int i = 0; i < dim; i++) {
      k += invMetric[i] * s.p[i] * s.p[i];
    }
    return -s.logp + 0.5 * k;
  }

  private void sampleMomentum(PhasePoint s) {
    for (int i = 0; i < dim; i++) {
      s.p[i] = sqrtMetric[i] * rng.nextGaussian();
    }
  }

  private void sharp(double[] p, double[] out) {
    for (int i = 0; i < dim; i++) {
      out[i] = invMetric[i] * p[i];
    }
  }

  private static double logSumExp(double a, double b) {
    if (a == Double.NEGATIVE_INFINITY) {
      return b;
    }
    if (b == Double.NEGATIVE_INFINITY) {
      return a;
    }
    double m = Math.max(a, b);
    return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
  }

  private static boolean allFinite(double[] v) {
    for (double x : v) {
      if (!Double.isFinite(x)) {
        return false;
      }
    }
    return true;
  }
}
