package io.sivistream.core.mcmc;

/**
 * A point of phase space with its cached log density and gradient. Mutable and preallocated so that
 * the leapfrog loop allocates nothing but what the target's gradient returns.
 */
final class PhasePoint {

  final double[] q;
  final double[] p;
  final double[] grad;
  double logp;

  PhasePoint(int dim) {
    q = new double[dim];
    p = new double[dim];
    grad = new double[dim];
  }

  void copyFrom(PhasePoint o) {
    System.arraycopy(o.q, 0, q, 0, q.length);
    System.arraycopy(o.p, 0, p, 0, p.length);
    System.arraycopy(o.grad, 0, grad, 0, grad.length);
    logp = o.logp;
  }
}
