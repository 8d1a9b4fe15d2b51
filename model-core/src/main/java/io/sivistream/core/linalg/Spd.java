package io.sivistream.core.linalg;

/**
 * Small dense linear algebra for symmetric positive definite d x d matrices (d up to about a
 * thousand) in plain double precision: Laplace starts, Gaussian snapshots, precisions.
 */
public final class Spd {

  private Spd() {}

  /** Lower Cholesky factor, or null if the matrix is not (numerically) positive definite. */
  public static double[][] cholesky(double[][] a) {
    int d = a.length;
    double[][] l = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j <= i; j++) {
        double s = a[i][j];
        for (int k = 0; k < j; k++) {
          s -= l[i][k] * l[j][k];
        }
        if (i == j) {
          if (!(s > 0) || !Double.isFinite(s)) {
            return null;
          }
          l[i][i] = Math.sqrt(s);
        } else {
          l[i][j] = s / l[j][j];
        }
      }
    }
    return l;
  }

  /** A⁻¹ = L⁻ᵀ L⁻¹ from the Cholesky factor L of A. */
  public static double[][] inverseFromCholesky(double[][] l) {
    int d = l.length;
    double[][] li = new double[d][d];
    for (int i = 0; i < d; i++) {
      li[i][i] = 1.0 / l[i][i];
      for (int j = 0; j < i; j++) {
        double s = 0;
        for (int k = j; k < i; k++) {
          s -= l[i][k] * li[k][j];
        }
        li[i][j] = s / l[i][i];
      }
    }
    double[][] inv = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j <= i; j++) {
        double s = 0;
        for (int k = i; k < d; k++) {
          s += li[k][i] * li[k][j];
        }
        inv[i][j] = s;
        inv[j][i] = s;
      }
    }
    return inv;
  }

  /** log det A = 2 Σ log L_ii. */
  public static double logDetFromCholesky(double[][] l) {
    double s = 0;
    for (int i = 0; i < l.length; i++) {
      s += Math.log(l[i][i]);
    }
    return 2 * s;
  }

  /** Inverse of a symmetric positive definite matrix, or null if it is not positive definite. */
  public static double[][] inverseSpd(double[][] a) {
    double[][] l = cholesky(a);
    return l == null ? null : inverseFromCholesky(l);
  }
}
