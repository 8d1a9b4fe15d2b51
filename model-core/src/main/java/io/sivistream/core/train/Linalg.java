package io.sivistream.core.train;

/** Small dense linear algebra in plain Java for d x d matrices with d up to about a thousand. */
final class Linalg {

  private Linalg() {}

  /** Lower Cholesky factor of a symmetric positive definite matrix, or null if it is not. */
  static double[][] cholesky(double[][] a) {
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

  /** Inverse of a symmetric positive definite matrix, or null if it is not positive definite. */
  static double[][] inverseSpd(double[][] a) {
    double[][] l = cholesky(a);
    if (l == null) {
      return null;
    }
    int d = a.length;
    // inverse of L by forward substitution, then A^-1 = L^-T L^-1
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
}
