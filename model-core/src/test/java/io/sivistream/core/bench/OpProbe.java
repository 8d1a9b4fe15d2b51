package io.sivistream.core.bench;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

public final class OpProbe {
  interface R { void run(); }
  static void t(String name, int reps, R r) {
    for (int i = 0; i < reps / 5; i++) r.run();
    long s = System.nanoTime();
    for (int i = 0; i < reps; i++) r.run();
    System.out.printf("%-40s %8.2f us%n", name, (System.nanoTime() - s) / 1e3 / reps);
  }
  public static void main(String[] a) {
    INDArray x = Nd4j.rand(DataType.FLOAT, 100, 256);
    INDArray w = Nd4j.rand(DataType.FLOAT, 256, 256);
    INDArray c = Nd4j.create(DataType.FLOAT, 100, 256);
    INDArray x2 = Nd4j.rand(DataType.FLOAT, 100, 22);
    INDArray w2 = Nd4j.rand(DataType.FLOAT, 22, 256);
    int reps = 3000;
    t("Nd4j.gemm 100x256x256", reps, () -> Nd4j.gemm(x, w, c, false, false, 1.0, 0.0));
    t("level3 gemm 100x256x256", reps, () -> Nd4j.getBlasWrapper().level3().gemm('c', 'N', 'N', 1.0, x, w, 0.0, c));
    FloatPointer px = (FloatPointer) x.data().addressPointer();
    FloatPointer pw = (FloatPointer) w.data().addressPointer();
    FloatPointer pc = (FloatPointer) c.data().addressPointer();
    t("cblas_sgemm 100x256x256", reps, () -> org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm(101, 111, 111, 100, 256, 256, 1f, px, 256, pw, 256, 0f, pc, 256));
    t("Nd4j.gemm 100x22x256", reps, () -> Nd4j.gemm(x2, w2, c, false, false, 1.0, 0.0));
    FloatPointer px2 = (FloatPointer) x2.data().addressPointer();
    FloatPointer pw2 = (FloatPointer) w2.data().addressPointer();
    t("cblas_sgemm 100x22x256", reps, () -> org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm(101, 111, 111, 100, 256, 22, 1f, px2, 22, pw2, 256, 0f, pc, 256));
    t("relu via Transforms", reps, () -> org.nd4j.linalg.ops.transforms.Transforms.relu(c, false));
    t("addi (in place) 100x256", reps, () -> c.addi(x));
    t("mul (alloc) 100x256", reps, () -> c.mul(x));
    FloatBuffer bc = c.data().asNioFloat();
    FloatBuffer bx = x.data().asNioFloat();
    t("java loop relu 25600", reps, () -> { for (int i = 0; i < 25600; i++) { float v = bc.get(i); if (v < 0) bc.put(i, 0f); } });
    float[] ha = new float[25600]; float[] hb = new float[25600];
    t("java array add 25600", reps, () -> { for (int i = 0; i < 25600; i++) ha[i] += hb[i]; });
    t("java buffer add 25600", reps, () -> { for (int i = 0; i < 25600; i++) bc.put(i, bc.get(i) + bx.get(i)); });
  }
}
