package io.sivistream.core.mcmc;

import io.sivistream.core.target.ScoreAt;
import io.sivistream.core.target.Target;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Test-only Bayesian logistic regression on waveform_train.csv with prior N(0, 10² I): the standard
 * benchmark posterior (22 coefficients, 400 rows), in plain Java.
 */
public final class LogisticWaveformTarget implements Target {

  private static final double PRIOR_VAR = 100;

  private final double[][] a;
  private final double[] y;
  private final List<String> names;

  private LogisticWaveformTarget(double[][] a, double[] y, List<String> names) {
    this.a = a;
    this.y = y;
    this.names = names;
  }

  /** Loads the waveform training rows (../shared/data's, or model-core's bundled copy). */
  public static LogisticWaveformTarget load() {
    Path file = io.sivistream.core.accuracy.SharedData.waveformFile();
    try {
      List<String> lines = Files.readAllLines(file);
      String[] header = lines.get(0).split(",");
      int d = header.length - 1;
      double[][] rows = new double[lines.size() - 1][d];
      double[] labels = new double[lines.size() - 1];
      for (int i = 1; i < lines.size(); i++) {
        String[] f = lines.get(i).split(",");
        for (int j = 0; j < d; j++) {
          rows[i - 1][j] = Double.parseDouble(f[j]);
        }
        labels[i - 1] = Double.parseDouble(f[d]);
      }
      return new LogisticWaveformTarget(rows, labels, List.of(Arrays.copyOf(header, d)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public int dim() {
    return names.size();
  }

  @Override
  public List<String> parameterNames() {
    return names;
  }

  @Override
  public int dataRows() {
    return y.length;
  }

  @Override
  public ScoreAt scoreAt(INDArray x, int[] rows) {
    throw new UnsupportedOperationException("test target: plain double path only");
  }

  @Override
  public double logDensity(double[] x) {
    double s = 0;
    for (int i = 0; i < y.length; i++) {
      double eta = dot(a[i], x);
      // log sigmoid terms: y eta - log(1 + e^eta), computed stably
      s += y[i] * eta - (Math.max(eta, 0) + Math.log1p(Math.exp(-Math.abs(eta))));
    }
    for (double v : x) {
      s -= 0.5 * v * v / PRIOR_VAR;
    }
    return s;
  }

  @Override
  public double[] gradLogDensity(double[] x) {
    int d = x.length;
    double[] g = new double[d];
    for (int i = 0; i < y.length; i++) {
      double eta = dot(a[i], x);
      double r = y[i] - 1 / (1 + Math.exp(-eta));
      double[] row = a[i];
      for (int j = 0; j < d; j++) {
        g[j] += r * row[j];
      }
    }
    for (int j = 0; j < d; j++) {
      g[j] -= x[j] / PRIOR_VAR;
    }
    return g;
  }

  private static double dot(double[] u, double[] v) {
    double s = 0;
    for (int j = 0; j < v.length; j++) {
      s += u[j] * v[j];
    }
    return s;
  }
}
