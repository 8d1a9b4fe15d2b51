package io.sivistream.core.family;

import io.sivistream.core.linalg.Kernels;
import io.sivistream.core.nn.MlpPass;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Reparameterised sampling x = mu(z) + sigma(z) * eps and its backward pass, with preallocated
 * buffers for a fixed number of particles. Not thread-safe.
 */
public final class FamilyPass {

  private final SemiImplicitFamily family;
  private final int n;
  private final MlpPass mlpPass;
  private final INDArray skip;
  private final INDArray logSigma;
  private final INDArray skipGrad;
  private final INDArray logSigmaGrad;
  private final INDArray ones;
  private final INDArray x;
  private final INDArray sigma;
  private final INDArray invSigma;
  private final INDArray outGrad;
  private final INDArray muGrad;
  private final INDArray headGrad;
  private final INDArray tmp;
  private INDArray z;
  private INDArray eps;

  FamilyPass(SemiImplicitFamily family, INDArray params, INDArray grads, int n) {
    this.family = family;
    this.n = n;
    DataType type = params.dataType();
    int d = family.dim();
    mlpPass = family.mlp().pass(family.mlpParams(params), grads == null ? null : family.mlpParams(grads), n);
    skip = family.skip(params);
    logSigma = family.logSigma(params);
    skipGrad = grads == null ? null : family.skip(grads);
    logSigmaGrad = grads == null ? null : family.logSigma(grads);
    ones = Nd4j.ones(type, n, 1);
    x = Nd4j.create(type, n, d);
    int sigmaRows = family.conditionalSigma() ? n : 1;
    sigma = Nd4j.create(type, sigmaRows, d);
    invSigma = Nd4j.create(type, sigmaRows, d);
    int outWidth = family.conditionalSigma() ? 2 * d : d;
    outGrad = Nd4j.create(type, n, outWidth);
    muGrad = family.conditionalSigma() ? outGrad.get(NDArrayIndex.all(), NDArrayIndex.interval(0, d)) : outGrad;
    headGrad = family.conditionalSigma() ? outGrad.get(NDArrayIndex.all(), NDArrayIndex.interval(d, 2 * d)) : null;
    tmp = Nd4j.create(type, n, d);
  }

  /**
   * Draws x given latent z (n x k) and noise eps (n x d); both are kept (not copied) for the
   * backward pass.
   *
   * @return x (n x d), owned by this pass
   */
  public INDArray sample(INDArray z, INDArray eps) {
    this.z = z;
    this.eps = eps;
    int d = family.dim();
    INDArray out = mlpPass.forward(z);
    INDArray mu = family.conditionalSigma() ? out.get(NDArrayIndex.all(), NDArrayIndex.interval(0, d)) : out;
    Kernels.copy(x, mu);
    Kernels.gemm(z, skip, x, false, false, 1.0, 1.0);
    if (family.conditionalSigma()) {
      INDArray head = out.get(NDArrayIndex.all(), NDArrayIndex.interval(d, 2 * d));
      sigma.assign(head).addiRowVector(logSigma);
      Transforms.exp(sigma, false);
      x.addi(tmp.assign(eps).muli(sigma));
    } else {
      Kernels.exp(sigma, logSigma);
      Kernels.addMulRows(x, eps, sigma);
    }
    Kernels.reciprocal(invSigma, sigma);
    return x;
  }

  /** The x of the last {@link #sample} call (n x d), owned by this pass. */
  public INDArray lastSample() {
    return x;
  }

  /** sigma, shape (1 x d) for a global sigma or (n x d) when z-dependent. */
  public INDArray sigma() {
    return sigma;
  }

  /** 1 / sigma, same shape as {@link #sigma()}. */
  public INDArray invSigma() {
    return invSigma;
  }

  /**
   * Backpropagates a loss L(x, e) where x = mu + sigma*eps and e = eps / sigma (the conditional
   * score is -e), writing dL/d(params) into the gradient vector.
   *
   * @param gradX dL/dx (n x d), holding eps fixed; not modified
   * @param gradE dL/de (n x d); overwritten
   */
  public void backward(INDArray gradX, INDArray gradE) {
    // dL/dlog sigma = (dL/dx * eps) * sigma - (dL/de * eps) / sigma
    INDArray dLogSigma = tmp;
    if (family.conditionalSigma()) {
      dLogSigma.assign(gradX).muli(eps).muli(sigma);
      gradE.muli(eps).muli(invSigma);
    } else {
      Kernels.mulRows(dLogSigma, gradX, sigma);
      Kernels.mulRows(dLogSigma, dLogSigma, eps);
      Kernels.mulRows(gradE, gradE, eps);
      Kernels.mulRows(gradE, gradE, invSigma);
    }
    Kernels.axpby(dLogSigma, 1.0, dLogSigma, -1.0, gradE);
    Kernels.gemm(ones, dLogSigma, logSigmaGrad, true, false, 1.0, 0.0);
    Kernels.gemm(z, gradX, skipGrad, true, false, 1.0, 0.0);
    Kernels.copy(muGrad, gradX);
    if (headGrad != null) {
      headGrad.assign(dLogSigma);
    }
    mlpPass.backward(outGrad, false);
  }

  public int batch() {
    return n;
  }
}
