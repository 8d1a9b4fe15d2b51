package io.sivistream.core.linalg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Every kernel's direct CPU route against the plain ND4J route on the same inputs, including
 * views into a flat parameter vector (the way network weights are stored), column slices
 * (which must fall back) and single-row arrays.
 */
class KernelsTest {

  @AfterEach
  void restore() {
    Kernels.useNd4jOnly(false);
  }

  private static INDArray random(long seed, long rows, long cols) {
    Nd4j.getRandom().setSeed(seed);
    return Nd4j.randn(DataType.FLOAT, rows, cols);
  }

  /** A rows x cols view into the middle of a longer flat vector. */
  private static INDArray view(long seed, int rows, int cols) {
    Nd4j.getRandom().setSeed(seed);
    INDArray flat = Nd4j.randn(DataType.FLOAT, 1, 7 + rows * cols + 5).reshape(-1);
    return flat.get(NDArrayIndex.interval(7, 7 + rows * cols)).reshape('c', rows, cols);
  }

  /** Runs op on fresh copies of the inputs on both routes; the outputs (all arguments) must agree. */
  private static void bothRoutesAgree(Consumer<INDArray[]> op, double tolerance, INDArray... inputs) {
    assertThat(Kernels.direct()).as("tests run on the CPU backend").isTrue();
    INDArray[] direct = new INDArray[inputs.length];
    INDArray[] plain = new INDArray[inputs.length];
    for (int i = 0; i < inputs.length; i++) {
      direct[i] = inputs[i].dup(inputs[i].ordering());
      plain[i] = inputs[i].dup(inputs[i].ordering());
    }
    op.accept(direct);
    Kernels.useNd4jOnly(true);
    op.accept(plain);
    Kernels.useNd4jOnly(false);
    for (int i = 0; i < inputs.length; i++) {
      double diff = direct[i].sub(plain[i]).amaxNumber().doubleValue();
      double size = Math.max(1.0, plain[i].amaxNumber().doubleValue());
      assertThat(diff / size).as("argument %d", i).isLessThanOrEqualTo(tolerance);
    }
  }

  @Test
  void gemmAllTransposesAndViewsMatch() {
    for (boolean ta : new boolean[] {false, true}) {
      for (boolean tb : new boolean[] {false, true}) {
        INDArray a = ta ? random(1, 7, 5) : random(1, 5, 7);
        INDArray b = tb ? view(2, 3, 7) : view(2, 7, 3);
        INDArray c = random(3, 5, 3);
        bothRoutesAgree(x -> Kernels.gemm(x[0], x[1], x[2], ta, tb, 0.7, 0.3), 1e-5, a, b, c);
      }
    }
  }

  @Test
  void gemmOnAViewWritesOnlyTheView() {
    INDArray flat = Nd4j.zeros(DataType.FLOAT, 20);
    INDArray target = flat.get(NDArrayIndex.interval(4, 10)).reshape('c', 2, 3);
    INDArray a = Nd4j.ones(DataType.FLOAT, 2, 1);
    INDArray b = Nd4j.createFromArray(new float[][] {{1, 2, 3}});
    Kernels.gemm(a, b, target, false, false, 1.0, 0.0);
    assertThat(flat.toFloatVector()).containsExactly(0, 0, 0, 0, 1, 2, 3, 1, 2, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  }

  @Test
  void elementwiseKernelsMatch() {
    INDArray x = random(4, 6, 5);
    INDArray y = view(5, 6, 5);
    INDArray row = random(6, 1, 5);
    INDArray out = random(7, 6, 5);
    bothRoutesAgree(a -> Kernels.axpby(a[2], 0.5, a[0], -2.0, a[1]), 1e-6, x, y, out);
    bothRoutesAgree(a -> Kernels.scale(a[1], -3.0, a[0]), 1e-6, x, out);
    bothRoutesAgree(a -> Kernels.mulRows(a[2], a[0], a[1]), 1e-6, x, row, out);
    bothRoutesAgree(a -> Kernels.mulRows(a[2], a[0], a[1]), 1e-6, x, y, out);
    bothRoutesAgree(a -> Kernels.addMulRows(a[2], a[0], a[1]), 1e-6, x, row, out);
    bothRoutesAgree(a -> Kernels.affineRows(a[3], a[0], a[1], a[2]), 1e-6, x, row, random(8, 1, 5), out);
    bothRoutesAgree(a -> Kernels.reluForward(a[0]), 0, x);
    bothRoutesAgree(a -> Kernels.reluBackward(a[0], a[1]), 0, x, y);
    bothRoutesAgree(a -> Kernels.tanhForward(a[0]), 1e-6, x);
    bothRoutesAgree(a -> Kernels.tanhBackward(a[0], a[1]), 1e-6, x, y);
    bothRoutesAgree(a -> Kernels.exp(a[1], a[0]), 1e-6, x, out);
    bothRoutesAgree(a -> Kernels.reciprocal(a[1], a[0]), 1e-5, x, out);
    bothRoutesAgree(a -> Kernels.copy(a[1], a[0]), 0, y, out);
    bothRoutesAgree(a -> Kernels.logistic(a[0], a[1], a[2], a[0]), 1e-6, x.mul(8), random(9, 1, 5), out);
  }

  @Test
  void gaussianResponsibilitiesAreSoftmaxesOfHalfSquaredDistances() {
    INDArray x = random(21, 5, 3).muli(2);
    INDArray c = random(22, 7, 3).muli(2);
    INDArray g = Nd4j.create(DataType.FLOAT, 5, 7);
    Kernels.gemm(x, c, g, false, true, 1.0, 0.0);
    bothRoutesAgree(a -> Kernels.gaussianResponsibilities(a[0], a[1]), 1e-5, g, c);
    Kernels.gaussianResponsibilities(g, c);
    double[][] xs = x.toDoubleMatrix();
    double[][] cs = c.toDoubleMatrix();
    for (int i = 0; i < 5; i++) {
      double[] w = new double[7];
      double total = 0;
      for (int j = 0; j < 7; j++) {
        double d2 = 0;
        for (int k = 0; k < 3; k++) {
          d2 += (xs[i][k] - cs[j][k]) * (xs[i][k] - cs[j][k]);
        }
        w[j] = Math.exp(-0.5 * d2);
        total += w[j];
      }
      for (int j = 0; j < 7; j++) {
        assertThat(g.getDouble(i, j)).isCloseTo(w[j] / total, org.assertj.core.data.Offset.offset(1e-5));
      }
    }
  }

  @Test
  void reductionsMatch() {
    INDArray x = view(10, 4, 9);
    INDArray y = random(11, 4, 9);
    double dot = Kernels.dot(x, y);
    double sum = Kernels.sum(x);
    Kernels.useNd4jOnly(true);
    assertThat(dot).isCloseTo(Kernels.dot(x, y), org.assertj.core.data.Offset.offset(1e-4));
    assertThat(sum).isCloseTo(Kernels.sum(x), org.assertj.core.data.Offset.offset(1e-4));
  }

  @Test
  void columnSlicesTakeThePlainRoute() {
    INDArray m = random(12, 4, 6);
    INDArray left = m.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 3));
    INDArray out = Nd4j.create(DataType.FLOAT, 4, 3);
    Kernels.copy(out, left);
    assertThat(out.equalsWithEps(left, 0)).isTrue();
    Kernels.scale(left, 2.0, left);
    assertThat(m.get(NDArrayIndex.all(), NDArrayIndex.interval(3, 6)).equalsWithEps(random(12, 4, 6).get(NDArrayIndex.all(), NDArrayIndex.interval(3, 6)), 0))
        .as("the other columns are untouched").isTrue();
  }

  @Test
  void adamMatchesNd4jAdamUpdater() {
    INDArray p = view(13, 1, 50).reshape(-1);
    INDArray g = random(14, 1, 50).reshape(-1);
    INDArray m = random(15, 1, 50).reshape(-1).muli(0.1);
    INDArray v = Nd4j.rand(DataType.FLOAT, 50).muli(0.1);
    INDArray pd = p.dup();
    INDArray gd = g.dup();
    INDArray md = m.dup();
    INDArray vd = v.dup();
    assertThat(Kernels.adam(pd, gd, md, vd, 1e-2, 0.9, 0.999, 1e-8, 4)).isTrue();
    Nd4j.getExecutioner().exec(new org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater(g, v, m, 1e-2, 0.9, 0.999, 1e-8, 4));
    p.subi(g);
    assertThat(pd.sub(p).amaxNumber().doubleValue()).isLessThan(1e-6);
    assertThat(md.sub(m).amaxNumber().doubleValue()).isLessThan(1e-6);
    assertThat(vd.sub(v).amaxNumber().doubleValue()).isLessThan(1e-6);
  }

  @Test
  void fastExpIsAccurateOverTheFloatRange() {
    double worst = 0;
    for (double x = -86.9; x < 87.9; x += 0.0137) {
      double exact = Math.exp((double) (float) x);
      worst = Math.max(worst, Math.abs(Kernels.expf((float) x) - exact) / exact);
    }
    assertThat(worst).isLessThan(5e-7);
    assertThat(Kernels.expf(100f)).isInfinite();
    assertThat(Kernels.expf(-100f)).isZero();
  }

  @Test
  void doublePrecisionTakesThePlainRoute() {
    INDArray a = Nd4j.rand(DataType.DOUBLE, 3, 4);
    INDArray b = Nd4j.rand(DataType.DOUBLE, 4, 2);
    INDArray c = Nd4j.create(DataType.DOUBLE, 3, 2);
    Kernels.gemm(a, b, c, false, false, 1.0, 0.0);
    assertThat(c.equalsWithEps(a.mmul(b), 1e-12)).isTrue();
  }
}
