package io.sivistream.core.stream.prior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sivistream.core.nn.Activation;
import io.sivistream.core.nn.Mlp;
import io.sivistream.core.target.Prior;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class PriorCodecTest {

  static DsmPrior smallDsm() {
    int[] hidden = {5, 4};
    double[] params = new Mlp(new int[] {3, 5, 4, 3}, Activation.TANH).initParams(71, 0.5);
    double[][] p = {{1.2, 0.1, 0.0}, {0.1, 0.9, -0.2}, {0.0, -0.2, 1.1}};
    return new DsmPrior(new double[] {0.1, -0.2, 0.3}, new double[] {1.5, 0.5, 2.0}, p, hidden, Activation.TANH, params);
  }

  static void assertRoundTrip(Prior p) {
    byte[] bytes = PriorCodec.encode(p);
    Prior back = PriorCodec.decode(bytes);
    assertThat(back).isExactlyInstanceOf(p.getClass());
    assertThat(PriorCodec.encode(back)).isEqualTo(bytes);
    INDArray x = PriorChecks.batch(PriorChecks.normals(4, p.dim(), 1.0, 72));
    INDArray v = PriorChecks.batch(PriorChecks.normals(4, p.dim(), 1.0, 73));
    assertThat(back.scoreAt(x).score().toDoubleMatrix()).isDeepEqualTo(p.scoreAt(x).score().toDoubleMatrix());
    assertThat(back.scoreAt(x).hessianVectorProduct(v).toDoubleMatrix()).isDeepEqualTo(p.scoreAt(x).hessianVectorProduct(v).toDoubleMatrix());
  }

  @Test
  void everyKindRoundTripsBitExactly() {
    GaussianPrior g = new GaussianPrior(GaussianPriorTest.MEAN, GaussianPriorTest.COV);
    assertRoundTrip(g);
    assertThat(((GaussianPrior) PriorCodec.decode(PriorCodec.encode(g))).toArray()).isEqualTo(g.toArray());
    MixturePrior m = MixturePriorTest.general();
    assertRoundTrip(m);
    assertThat(((MixturePrior) PriorCodec.decode(PriorCodec.encode(m))).toArray()).isEqualTo(m.toArray());
    DsmPrior d = smallDsm();
    assertRoundTrip(d);
    assertThat(((DsmPrior) PriorCodec.decode(PriorCodec.encode(d))).toArray()).isEqualTo(d.toArray());
    IndependentNormalPrior n = new IndependentNormalPrior(new double[] {1.0, 2.5, Math.PI});
    assertRoundTrip(n);
  }

  @Test
  void temperedPriorNestsItsParts() {
    TemperedPrior t = new TemperedPrior(smallDsm(), new IndependentNormalPrior(new double[] {1, 2, 3}), 0.95);
    assertRoundTrip(t);
    TemperedPrior back = (TemperedPrior) PriorCodec.decode(PriorCodec.encode(t));
    assertThat(back.lambda()).isEqualTo(0.95);
    assertThat(back.previous()).isInstanceOf(DsmPrior.class);
    assertThat(back.base()).isInstanceOf(IndependentNormalPrior.class);
    // and a tempered prior of a tempered prior
    assertRoundTrip(new TemperedPrior(t, MixturePriorTest.shared(), 0.5));
  }

  @Test
  void flatFormsRoundTrip() {
    MixturePrior m = MixturePriorTest.shared();
    assertThat(MixturePrior.fromArray(m.toArray()).toArray()).isEqualTo(m.toArray());
    DsmPrior d = smallDsm();
    assertThat(DsmPrior.fromArray(d.toArray()).toArray()).isEqualTo(d.toArray());
    assertThatThrownBy(() -> GaussianPrior.fromArray(new double[] {2, 0, 0, 1, 0}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must have 7 values");
  }

  @Test
  void unknownKindIsRejectedWithTheKnownKinds() {
    byte[] bytes = PriorCodec.encode(new IndependentNormalPrior(new double[] {1}));
    bytes[0] = 'X';
    assertThatThrownBy(() -> PriorCodec.decode(bytes))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown prior kind byte 0x58; known: 'G' gaussian, 'M' mixture, 'D' dsm, 'N' normal,"
            + " 'T' tempered, 'F' semi-implicit");
  }

  /** A semi-implicit prior is stored as a reference to the state's family: decoding asks for it. */
  @Test
  void semiImplicitPriorIsResolvedFromTheStatesFamily() {
    io.sivistream.core.family.SemiImplicitFamily family = new io.sivistream.core.family.SemiImplicitFamily(2,
        java.util.List.of("a", "b"), new io.sivistream.core.family.FamilyConfig(2, java.util.List.of(4), false, 0.5));
    io.sivistream.core.family.FittedPosterior fitted = new io.sivistream.core.family.FittedPosterior(family,
        family.initParams(1), new double[] {0, 0}, new double[] {1, 1});
    SemiImplicitPrior own = new SemiImplicitPrior(fitted, 3);
    Prior tempered = new TemperedPrior(own, new IndependentNormalPrior(new double[] {2, 2}), 0.7);
    byte[] bytes = PriorCodec.encode(tempered);
    Prior decoded = PriorCodec.decode(bytes, dim -> own);
    assertThat(decoded).isInstanceOf(TemperedPrior.class);
    assertThat(((TemperedPrior) decoded).previous()).isSameAs(own);
    assertThat(PriorCodec.encode(decoded)).isEqualTo(bytes);
    assertThatThrownBy(() -> PriorCodec.decode(bytes))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("decode them with the state's family");
    SemiImplicitPrior wrongSize = new SemiImplicitPrior(new io.sivistream.core.family.FittedPosterior(
        new io.sivistream.core.family.SemiImplicitFamily(1, java.util.List.of("a"),
            new io.sivistream.core.family.FamilyConfig(2, java.util.List.of(4), false, 0.5)),
        new io.sivistream.core.family.SemiImplicitFamily(1, java.util.List.of("a"),
            new io.sivistream.core.family.FamilyConfig(2, java.util.List.of(4), false, 0.5)).initParams(1),
        new double[] {0}, new double[] {1}), 3);
    assertThatThrownBy(() -> PriorCodec.decode(bytes, dim -> wrongSize))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("are for 2 parameters, but the state's family has 1");
  }

  @Test
  void truncatedOrPaddedBytesAreRejected() {
    byte[] bytes = PriorCodec.encode(MixturePriorTest.general());
    assertThatThrownBy(() -> PriorCodec.decode(Arrays.copyOf(bytes, bytes.length - 3)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("remain");
    assertThatThrownBy(() -> PriorCodec.decode(Arrays.copyOf(bytes, 3)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated");
    assertThatThrownBy(() -> PriorCodec.decode(Arrays.copyOf(bytes, bytes.length + 1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trailing");
  }

  @Test
  void foreignPriorsAreRejected() {
    Prior foreign = new Prior() {
      @Override
      public int dim() {
        return 1;
      }

      @Override
      public io.sivistream.core.target.ScoreAt scoreAt(INDArray x) {
        return null;
      }

      @Override
      public double logDensity(double[] x) {
        return 0;
      }

      @Override
      public double[] gradLogDensity(double[] x) {
        return new double[1];
      }
    };
    assertThatThrownBy(() -> PriorCodec.encode(foreign))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("new IndependentNormalPrior(sds)");
  }
}
