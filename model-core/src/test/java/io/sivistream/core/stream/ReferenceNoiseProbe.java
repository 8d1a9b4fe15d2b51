package io.sivistream.core.stream;

import io.sivistream.core.eval.Discrepancy;
import java.util.Arrays;

/**
 * The noise floor of a committed Stan reference: its draws split in two (alternate draws, which
 * are autocorrelated, so a lower bound; and first against last) compared with each other. Args:
 * fixture names.
 */
public final class ReferenceNoiseProbe {
  public static void main(String[] args) {
    for (String name : args) {
      double[][] draws = StanReference.load(name).draws();
      int half = Math.min(4000, draws.length / 2);
      double[][] a = new double[half][];
      double[][] b = new double[half][];
      for (int i = 0; i < half; i++) {
        a[i] = draws[2 * i];
        b[i] = draws[2 * i + 1];
      }
      double[][] first = Arrays.copyOfRange(draws, 0, half);
      double[][] last = Arrays.copyOfRange(draws, draws.length - half, draws.length);
      System.out.println(name + " (" + draws.length + " draws of " + draws[0].length + "), alternate halves of "
          + half + ": " + Discrepancy.compare(a, b));
      System.out.println(name + " first vs last " + half + ": " + Discrepancy.compare(first, last));
    }
  }
}
