package io.sivistream.core.nn;

import io.sivistream.core.linalg.Kernels;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Hidden-layer nonlinearity. Each is applied in place with one fused ND4J op where possible, since
 * on CPU the per-op overhead (tens of microseconds) rivals the arithmetic at these layer sizes.
 */
public enum Activation {
  RELU {
    @Override
    void forwardInPlace(INDArray z) {
      Kernels.reluForward(z);
    }

    @Override
    void backwardInPlace(INDArray grad, INDArray activated) {
      // relu'(z) = 1[z > 0] = 1[relu(z) > 0], so the activated values suffice.
      Kernels.reluBackward(grad, activated);
    }
  },
  TANH {
    @Override
    void forwardInPlace(INDArray z) {
      Kernels.tanhForward(z);
    }

    @Override
    void backwardInPlace(INDArray grad, INDArray activated) {
      // tanh'(z) = 1 - tanh(z)^2
      Kernels.tanhBackward(grad, activated);
    }
  };

  /** Replaces z by act(z). */
  abstract void forwardInPlace(INDArray z);

  /** Replaces grad (dL/d act(z)) by dL/dz, given act(z). */
  abstract void backwardInPlace(INDArray grad, INDArray activated);

  /** Parses "relu" / "tanh" (case-insensitive) with a message naming the allowed values. */
  public static Activation parse(String name, String key) {
    for (Activation a : values()) {
      if (a.name().equalsIgnoreCase(name)) {
        return a;
      }
    }
    throw new IllegalArgumentException(key + " must be one of relu, tanh; got '" + name + "'");
  }
}
