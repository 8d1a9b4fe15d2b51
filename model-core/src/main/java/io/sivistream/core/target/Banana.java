package io.sivistream.core.target;

import java.util.SplittableRandom;

/**
 * The SIVI-SM paper's banana target: v = (x1, x1² + x2 + 1) ~ N(0, Σ), Σ = [[1, 0.9], [0.9, 1]].
 * The map x ↦ v has Jacobian determinant 1, so log p(x) = −½ vᵀΣ⁻¹v + const. Exact draws: v ~ N(0, Σ),
 * x1 = v1, x2 = v2 − v1² − 1; mean (0, −2), Var x1 = 1, Var x2 = 3, Cov(x1, x2) = 0.9.
 */
public final class Banana extends PlanarTarget {

  private static final double RHO = 0.9;
  /** Σ⁻¹ = [[P11, P12], [P12, P22]]. */
  private static final double P11 = 1 / (1 - RHO * RHO);
  private static final double P12 = -RHO / (1 - RHO * RHO);
  private static final double P22 = P11;

  @Override
  double logDensity(double x1, double x2) {
    double v2 = x1 * x1 + x2 + 1;
    return -0.5 * (P11 * x1 * x1 + 2 * P12 * x1 * v2 + P22 * v2 * v2);
  }

  @Override
  void derivatives(double x1, double x2, double[] out) {
    double v2 = x1 * x1 + x2 + 1;
    // g = ∇_v log p = −Σ⁻¹v; the score is Jᵀg with J = ∂v/∂x = [[1, 0], [2 x1, 1]].
    double g1 = -(P11 * x1 + P12 * v2);
    double g2 = -(P12 * x1 + P22 * v2);
    out[0] = g1 + 2 * x1 * g2;
    out[1] = g2;
    // Hessian = −JᵀΣ⁻¹J + g2 ∇²v2, with ∇²v2 = [[2, 0], [0, 0]].
    out[2] = -(P11 + 4 * x1 * P12 + 4 * x1 * x1 * P22) + 2 * g2;
    out[3] = -(P12 + 2 * x1 * P22);
    out[4] = -P22;
  }

  @Override
  public double[][] sampleExact(int n, long seed) {
    checkSampleCount(n);
    SplittableRandom rng = new SplittableRandom(seed);
    double l21 = RHO;
    double l22 = Math.sqrt(1 - RHO * RHO);
    double[][] draws = new double[n][];
    for (int i = 0; i < n; i++) {
      double v1 = rng.nextGaussian();
      double v2 = l21 * v1 + l22 * rng.nextGaussian();
      draws[i] = new double[] {v1, v2 - v1 * v1 - 1};
    }
    return draws;
  }
}
