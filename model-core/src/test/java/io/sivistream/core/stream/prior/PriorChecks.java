package io.sivistream.core.stream.prior;

import static org.assertj.core.api.Assertions.assertThat;

import io.sivistream.core.target.Prior;
import io.sivistream.core.target.ScoreAt;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Finite-difference and precision checks shared by the prior tests. */
final class PriorChecks {

  private PriorChecks() {}

  static double[][] normals(int n, int d, double sd, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] x = new double[n][d];
    for (double[] row : x) {
      for (int j = 0; j < d; j++) {
        row[j] = sd * io.sivistream.core.nn.Gaussian.next(rng);
      }
    }
    return x;
  }

  static INDArray batch(double[][] x) {
    return Nd4j.createFromArray(x);
  }

  /** gradLogDensity vs central differences of logDensity, and the batched score vs gradLogDensity. */
  static void scoreMatchesLogDensity(Prior p, double[][] points, double tol) {
    double h = 1e-5;
    double[][] batched = p.scoreAt(batch(points)).score().toDoubleMatrix();
    for (int i = 0; i < points.length; i++) {
      double[] x = points[i].clone();
      double[] g = p.gradLogDensity(x);
      for (int j = 0; j < x.length; j++) {
        double old = x[j];
        x[j] = old + h;
        double up = p.logDensity(x);
        x[j] = old - h;
        double down = p.logDensity(x);
        x[j] = old;
        double fd = (up - down) / (2 * h);
        assertThat(g[j]).as("point %d coordinate %d", i, j).isCloseTo(fd, Offset.offset(tol * (1 + Math.abs(fd))));
        assertThat(batched[i][j]).as("batched point %d coordinate %d", i, j).isCloseTo(g[j], Offset.offset(1e-10 * (1 + Math.abs(g[j]))));
      }
    }
  }

  /** Batched HVP vs central differences of the batched score along v (DOUBLE). */
  static void hvpMatchesScoreDifferences(Prior p, double[][] points, double h, double tol, long seed) {
    int n = points.length;
    int d = points[0].length;
    INDArray x = batch(points);
    INDArray v = batch(normals(n, d, 1.0, seed));
    double[][] hv = p.scoreAt(x).hessianVectorProduct(v).toDoubleMatrix();
    double[][] up = p.scoreAt(x.add(v.mul(h))).score().toDoubleMatrix();
    double[][] down = p.scoreAt(x.sub(v.mul(h))).score().toDoubleMatrix();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        double fd = (up[i][j] - down[i][j]) / (2 * h);
        assertThat(hv[i][j]).as("point %d coordinate %d", i, j).isCloseTo(fd, Offset.offset(tol * (1 + Math.abs(fd))));
      }
    }
  }

  /** FLOAT score and HVP agree with DOUBLE to a relative tolerance (relative to the row's scale). */
  static void floatCloseToDouble(Prior p, double[][] points, double tol, long seed) {
    INDArray x = batch(points);
    INDArray v = batch(normals(points.length, points[0].length, 1.0, seed));
    ScoreAt dbl = p.scoreAt(x);
    ScoreAt flt = p.scoreAt(x.castTo(DataType.FLOAT));
    INDArray fs = flt.score();
    INDArray fh = flt.hessianVectorProduct(v.castTo(DataType.FLOAT));
    assertThat(fs.dataType()).isEqualTo(DataType.FLOAT);
    assertThat(fh.dataType()).isEqualTo(DataType.FLOAT);
    assertClose(fs.toDoubleMatrix(), dbl.score().toDoubleMatrix(), tol, "score");
    assertClose(fh.toDoubleMatrix(), dbl.hessianVectorProduct(v).toDoubleMatrix(), tol, "hvp");
  }

  static void assertClose(double[][] a, double[][] b, double tol, String what) {
    for (int i = 0; i < a.length; i++) {
      double scale = 0;
      for (double v : b[i]) {
        scale = Math.max(scale, Math.abs(v));
      }
      for (int j = 0; j < a[i].length; j++) {
        assertThat(a[i][j]).as("%s row %d coordinate %d", what, i, j).isCloseTo(b[i][j], Offset.offset(tol * (1 + scale)));
      }
    }
  }
}
