package io.sivistream.app.cli;

import io.sivistream.core.data.DataException;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.statistics.HistogramDataset;
import org.jfree.data.xy.DefaultXYDataset;

/**
 * A pair plot of posterior draws as one PNG: marginal histograms on the diagonal, pairwise scatter
 * plots below it, for the first few parameters. Rendered off-screen (headless AWT).
 */
final class PairPlot {

  /** Pixels per panel. */
  static final int CELL = 220;
  /** Scatter panels show at most this many points (evenly thinned) to stay readable. */
  static final int MAX_POINTS = 1500;
  private static final int BINS = 30;
  private static final Color INK = new Color(31, 119, 180);
  private static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 9);
  private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private PairPlot() {}

  /**
   * Writes the plot.
   *
   * @param names parameter names
   * @param draws shape [n][names.size()], n >= 1
   * @param maxParams plot only the first this many parameters
   * @return the number of parameters plotted
   * @throws DataException when the file cannot be written
   */
  static int write(Path file, List<String> names, double[][] draws, int maxParams) {
    int k = Math.min(maxParams, names.size());
    BufferedImage image = new BufferedImage(k * CELL, k * CELL, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, image.getWidth(), image.getHeight());
      for (int i = 0; i < k; i++) {
        for (int j = 0; j <= i; j++) {
          String xLabel = i == k - 1 ? names.get(j) : null;
          String yLabel = j == 0 && i > 0 ? names.get(i) : null;
          JFreeChart chart = i == j
              ? histogram(names.get(i), column(draws, i), xLabel)
              : scatter(column(draws, j), column(draws, i), xLabel, yLabel);
          chart.draw(g, new Rectangle2D.Double(j * CELL, i * CELL, CELL, CELL));
        }
      }
    } finally {
      g.dispose();
    }
    try {
      if (!ImageIO.write(image, "png", file.toFile())) {
        throw new DataException(file + ": cannot write: no PNG writer available");
      }
    } catch (IOException e) {
      throw new DataException(file + ": cannot write: " + e.getMessage(), e);
    }
    return k;
  }

  private static JFreeChart histogram(String name, double[] values, String xLabel) {
    HistogramDataset data = new HistogramDataset();
    data.addSeries(name, values, BINS);
    XYBarRenderer bars = new XYBarRenderer();
    bars.setBarPainter(new StandardXYBarPainter());
    bars.setShadowVisible(false);
    bars.setSeriesPaint(0, INK);
    bars.setDrawBarOutline(false);
    NumberAxis y = axis(null);
    y.setTickLabelsVisible(false);
    y.setTickMarksVisible(false);
    JFreeChart chart = chart(new XYPlot(data, axis(xLabel), y, bars));
    chart.setTitle(name);
    chart.getTitle().setFont(LABEL);
    return chart;
  }

  private static JFreeChart scatter(double[] xs, double[] ys, String xLabel, String yLabel) {
    int step = Math.max(1, (xs.length + MAX_POINTS - 1) / MAX_POINTS);
    int m = (xs.length + step - 1) / step;
    double[][] pts = new double[2][m];
    for (int p = 0; p < m; p++) {
      pts[0][p] = xs[p * step];
      pts[1][p] = ys[p * step];
    }
    DefaultXYDataset data = new DefaultXYDataset();
    data.addSeries("draws", pts);
    XYLineAndShapeRenderer dots = new XYLineAndShapeRenderer(false, true);
    dots.setSeriesShape(0, new Rectangle2D.Double(-1, -1, 2, 2));
    dots.setSeriesPaint(0, new Color(INK.getRed(), INK.getGreen(), INK.getBlue(), 90));
    dots.setSeriesOutlineStroke(0, new BasicStroke(0));
    return chart(new XYPlot(data, axis(xLabel), axis(yLabel), dots));
  }

  private static JFreeChart chart(XYPlot plot) {
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(225, 225, 225));
    plot.setRangeGridlinePaint(new Color(225, 225, 225));
    JFreeChart chart = new JFreeChart(null, LABEL, plot, false);
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }

  private static NumberAxis axis(String label) {
    NumberAxis a = new NumberAxis(label);
    a.setAutoRangeIncludesZero(false);
    a.setTickLabelFont(SMALL);
    a.setLabelFont(LABEL);
    return a;
  }

  private static double[] column(double[][] draws, int j) {
    double[] c = new double[draws.length];
    for (int i = 0; i < c.length; i++) {
      c[i] = draws[i][j];
    }
    return c;
  }
}
