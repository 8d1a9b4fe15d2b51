package io.sivistream.core.linalg;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Working arrays kept between calls, one set per thread, so that hot loops do not allocate:
 * an ND4J allocation costs tens of microseconds, as much as the arithmetic on it. An array is
 * replaced only when a different shape or type is asked for in its slot.
 *
 * <p>Each {@link #next()} starts a new generation; a caller holding arrays of an older
 * generation can detect that they have been reused ({@link #current(long)}).
 */
public final class Scratch {

  private static final ThreadLocal<Scratch> PER_THREAD = ThreadLocal.withInitial(Scratch::new);

  private final INDArray[] slots = new INDArray[8];
  private long generation;

  private Scratch() {}

  /** The calling thread's scratch arrays. */
  public static Scratch get() {
    return PER_THREAD.get();
  }

  /** Starts a new generation (the arrays handed out before may now be overwritten). */
  public long next() {
    return ++generation;
  }

  /** Whether arrays handed out in generation g are still untouched by later users. */
  public boolean current(long g) {
    return g == generation;
  }

  /** The array of a slot, shaped rows x columns, with unspecified contents. */
  public INDArray array(int slot, DataType type, long rows, long columns) {
    INDArray a = slots[slot];
    if (a == null || a.dataType() != type || a.rows() != rows || a.columns() != columns) {
      a = Nd4j.create(type, rows, columns);
      slots[slot] = a;
    }
    return a;
  }
}
