package io.sivistream.core.target;

import io.sivistream.core.data.Table;
import io.sivistream.core.formula.Density;
import io.sivistream.core.formula.Design;
import io.sivistream.core.formula.Formula;
import io.sivistream.core.formula.FormulaException;
import io.sivistream.core.formula.GroupEffect;
import io.sivistream.core.formula.PriorSet;
import io.sivistream.core.formula.Response;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The posterior of a formula model (brms' {@code brm(formula, family, prior)}): a response
 * distribution ({@link Response}) around a linear predictor η = offset + Intercept + Σ_j (x_j − m_j) b_j
 * + Σ_k sd_k z_k[level] w_k, under the priors of a {@link PriorSet}.
 *
 * <p>Fitting scale, in parameter order: the centred intercept ({@code Intercept}, with brms'
 * default intercept), the coefficients {@code b_x}, then each group effect's log sd
 * {@code log(sd_g__Intercept)}, the auxiliary parameters as log(θ − lower bound)
 * ({@code log(sigma)}, {@code log(nu - 1)}, {@code log(shape)}), then the group effects
 * non-centred, z ~ N(0, 1) with r = sd · z (the funnel of a hierarchy becomes a near-Gaussian).
 * The log densities of the log-scale parameters carry their Jacobians. {@link #toDraw} reports
 * the natural scale with brms' names: {@code b_Intercept} (on the data's scale), {@code b_x},
 * {@code sd_g__Intercept}, {@code sigma}, {@code nu}, {@code shape}, {@code r_g[level,Intercept]}.
 *
 * <p>Both evaluation paths compute per point in plain doubles with closed-form row derivatives
 * ({@link RowDerivatives}); the Hessian-vector product is exact: with ∇η_i the gradient of row
 * i's linear predictor, H v = Σ_i [ℓ_ηη (∇η_i·v) + ℓ_ηu·v_u] ∇η_i + ℓ_η ∇²η_i v + the u-block,
 * plus the priors' diagonal.
 *
 * <p>Usage: {@code Target t = FormulaTarget.of(Formula.parse("y ~ x"), Response.GAUSSIAN, table, Map.of(), Map.of());}
 */
public final class FormulaTarget implements Target {

  private final Design design;
  private final Response response;
  private final PriorSet priors;
  private final boolean centred;
  private final boolean knownSe;
  private final int n;
  private final int p;
  /** Centred design, row-major n × p. */
  private final double[] xc;
  private final double[] y;
  /** Per row: trials (binomial) or the known sd (gaussian with se), else 0. */
  private final double[] extra;
  /** Per row: the part of its log likelihood free of parameters (−log y!, log C(n, y)). */
  private final double[] constant;
  private final double[] offset;
  private final int groups;
  private final int[][] level;
  private final double[][] weight;
  private final int nAux;
  private final double[] auxLower;
  /** Layout: index of the first coefficient, the first log sd, the first auxiliary, each group's first z. */
  private final int b0;
  private final int sd0;
  private final int aux0;
  private final int[] z0;
  private final int dim;
  private final List<String> names;
  private final List<String> drawNames;

  private FormulaTarget(Design design, Response response, PriorSet priors) {
    this.design = design;
    this.response = response;
    this.priors = priors;
    this.centred = design.formula().intercept() == Formula.Intercept.CENTRED;
    this.knownSe = design.se() != null;
    this.n = design.rows();
    this.p = design.width();
    checkAdditions(design, response);
    this.y = design.y().clone();
    this.extra = new double[n];
    this.constant = new double[n];
    checkResponse();
    this.xc = new double[n * p];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        xc[i * p + j] = design.x(i, j) - design.means()[j];
      }
    }
    this.offset = design.offset().clone();
    List<GroupEffect> effects = design.groupEffects();
    this.groups = effects.size();
    this.level = new int[groups][];
    this.weight = new double[groups][];
    List<String> aux = response.auxiliary(knownSe);
    this.nAux = aux.size();
    this.auxLower = new double[nAux];
    for (int a = 0; a < nAux; a++) {
      auxLower[a] = response.lowerBound(a);
    }
    List<String> fitNames = new ArrayList<>();
    List<String> reported = new ArrayList<>();
    if (centred) {
      fitNames.add("Intercept");
      reported.add("b_Intercept");
    }
    b0 = fitNames.size();
    for (String c : design.columns()) {
      fitNames.add("b_" + c);
      reported.add("b_" + c);
    }
    sd0 = fitNames.size();
    for (GroupEffect g : effects) {
      fitNames.add("log(" + g.sdName() + ")");
      reported.add(g.sdName());
    }
    aux0 = fitNames.size();
    for (int a = 0; a < nAux; a++) {
      fitNames.add(auxLower[a] == 0 ? "log(" + aux.get(a) + ")" : "log(" + aux.get(a) + " - " + cell(auxLower[a]) + ")");
      reported.add(aux.get(a));
    }
    z0 = new int[groups];
    for (int k = 0; k < groups; k++) {
      GroupEffect g = effects.get(k);
      level[k] = g.level().clone();
      weight[k] = g.weight().clone();
      z0[k] = fitNames.size();
      for (int l = 0; l < g.levels().size(); l++) {
        fitNames.add("z_" + g.group() + "[" + g.levels().get(l) + "," + g.effect() + "]");
        reported.add(g.effectName(l));
      }
    }
    this.dim = fitNames.size();
    this.names = List.copyOf(fitNames);
    this.drawNames = List.copyOf(reported);
  }

  /**
   * Builds the posterior of a formula model on a table.
   *
   * @param levels the spec's {@code levels:} block, or an empty map
   * @param givenPriors the spec's {@code priors:} block, or an empty map
   * @throws FormulaException for a formula, prior or design the model cannot take
   * @throws io.sivistream.core.data.DataException naming file, line and column for a bad cell
   */
  public static FormulaTarget of(Formula formula, Response response, Table table,
      java.util.Map<String, List<String>> levels, java.util.Map<String, String> givenPriors) {
    Design design = Design.build(formula, table, levels);
    return new FormulaTarget(design, response, PriorSet.resolve(givenPriors, design, response));
  }

  /**
   * Builds the posterior of a spec's formula model on a table.
   *
   * @throws FormulaException for priors or levels the model cannot take
   * @throws io.sivistream.core.data.DataException naming file, line and column for a bad cell
   */
  public static FormulaTarget of(io.sivistream.core.spec.FormulaSpec spec, Table table) {
    return of(spec.parsed(), spec.response(), table, spec.levels(), spec.priors());
  }

  /** The design the target was built from. */
  public Design design() {
    return design;
  }

  public Response response() {
    return response;
  }

  /** The prior of every class and parameter, as resolved (defaults filled in). */
  public PriorSet priors() {
    return priors;
  }

  private static void checkAdditions(Design design, Response response) {
    String f = design.formula().text();
    if (design.se() != null && response != Response.GAUSSIAN) {
      throw new FormulaException("formula '" + f + "': se(...) is for the gaussian likelihood, not " + response.yamlName());
    }
    if (design.trials() != null && response != Response.BINOMIAL) {
      throw new FormulaException("formula '" + f + "': trials(...) is for the binomial likelihood, not " + response.yamlName());
    }
    if (design.trials() == null && response == Response.BINOMIAL) {
      throw new FormulaException("formula '" + f + "': the binomial likelihood needs the number of trials per row;"
          + " write '" + design.formula().response() + " | trials(n) ~ ...' with n a column");
    }
  }

  /** Checks every response value against the likelihood's support and fills extra and constant. */
  private void checkResponse() {
    Table t = design.table();
    String col = design.formula().response();
    for (int i = 0; i < n; i++) {
      double v = y[i];
      switch (response) {
        case BERNOULLI -> {
          if (v != 0 && v != 1) {
            throw t.error(i, col, "the bernoulli likelihood needs 0 or 1, got " + cell(v));
          }
        }
        case BINOMIAL -> {
          double trials = design.trials()[i];
          if (trials < 0 || trials != Math.rint(trials)) {
            throw t.error(i, design.formula().trials(), "trials must be a non-negative integer, got " + cell(trials));
          }
          if (v < 0 || v != Math.rint(v)) {
            throw t.error(i, col, "the binomial likelihood needs a count of successes, got " + cell(v));
          }
          if (v > trials) {
            throw t.error(i, col, "successes " + cell(v) + " exceed the trials " + cell(trials) + " in column "
                + design.formula().trials());
          }
          extra[i] = trials;
          constant[i] = Gammas.logGamma(trials + 1) - Gammas.logGamma(v + 1) - Gammas.logGamma(trials - v + 1);
        }
        case POISSON, NEGATIVE_BINOMIAL -> {
          if (v < 0 || v != Math.rint(v)) {
            throw t.error(i, col, "the " + response.yamlName() + " likelihood needs a non-negative integer count, got "
                + cell(v));
          }
          constant[i] = -Gammas.logGamma(v + 1);
        }
        case GAUSSIAN -> {
          if (knownSe) {
            extra[i] = design.se()[i];
          }
        }
        default -> {
        }
      }
    }
  }

  private static String cell(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
  }

  @Override
  public int dim() {
    return dim;
  }

  @Override
  public List<String> parameterNames() {
    return names;
  }

  @Override
  public List<String> drawNames() {
    return drawNames;
  }

  @Override
  public int dataRows() {
    return n;
  }

  /**
   * Unimodal in practice without group effects and heavy tails (a GLM with a log scale is not
   * strictly concave in (b, log sigma), but has one mode and a near-Gaussian shape): the fit then
   * starts from a Gaussian fit and whitens by the Laplace approximation, which is what makes the
   * strongly correlated coefficients of an uncentred predictor accurate. A hierarchy (funnel) or
   * a Student-t likelihood (possibly several modes) take the transport path instead.
   */
  @Override
  public boolean logConcave() {
    return groups == 0 && response != Response.STUDENT;
  }

  @Override
  public double[] toDraw(double[] x) {
    Batches.checkLength(x, dim);
    double[] out = new double[dim];
    int o = 0;
    if (centred) {
      double shift = 0;
      for (int j = 0; j < p; j++) {
        shift += design.means()[j] * x[b0 + j];
      }
      out[o++] = x[0] - shift;
    }
    for (int j = 0; j < p; j++) {
      out[o++] = x[b0 + j];
    }
    for (int k = 0; k < groups; k++) {
      out[o++] = Math.exp(x[sd0 + k]);
    }
    for (int a = 0; a < nAux; a++) {
      out[o++] = auxLower[a] + Math.exp(x[aux0 + a]);
    }
    for (int k = 0; k < groups; k++) {
      double sd = Math.exp(x[sd0 + k]);
      int levels = design.groupEffects().get(k).levels().size();
      for (int l = 0; l < levels; l++) {
        out[o++] = sd * x[z0[k] + l];
      }
    }
    return out;
  }

  // ---- evaluation

  /** η_i at θ, with sd_k = e^{θ[sd0 + k]} precomputed. */
  private double eta(int i, double[] th, double[] sd) {
    double s = offset[i] + (centred ? th[0] : 0);
    int off = i * p;
    for (int j = 0; j < p; j++) {
      s += xc[off + j] * th[b0 + j];
    }
    for (int k = 0; k < groups; k++) {
      s += sd[k] * th[z0[k] + level[k][i]] * weight[k][i];
    }
    return s;
  }

  /** g += c ∇η_i. */
  private void addGradEta(int i, double c, double[] th, double[] sd, double[] g) {
    if (centred) {
      g[0] += c;
    }
    int off = i * p;
    for (int j = 0; j < p; j++) {
      g[b0 + j] += c * xc[off + j];
    }
    for (int k = 0; k < groups; k++) {
      int zi = z0[k] + level[k][i];
      double sw = sd[k] * weight[k][i];
      g[sd0 + k] += c * sw * th[zi];
      g[zi] += c * sw;
    }
  }

  /** ∇η_i · v. */
  private double gradEtaDot(int i, double[] th, double[] sd, double[] v) {
    double s = centred ? v[0] : 0;
    int off = i * p;
    for (int j = 0; j < p; j++) {
      s += xc[off + j] * v[b0 + j];
    }
    for (int k = 0; k < groups; k++) {
      int zi = z0[k] + level[k][i];
      double sw = sd[k] * weight[k][i];
      s += sw * (th[zi] * v[sd0 + k] + v[zi]);
    }
    return s;
  }

  private double[] sds(double[] th) {
    double[] sd = new double[groups];
    for (int k = 0; k < groups; k++) {
      sd[k] = Math.exp(th[sd0 + k]);
    }
    return sd;
  }

  private double[] aux(double[] th) {
    double[] u = new double[nAux];
    System.arraycopy(th, aux0, u, 0, nAux);
    return u;
  }

  /**
   * log p(θ) up to a constant, on the rows given (all when null, the likelihood scaled by
   * {@code scale}) when g is null; otherwise its gradient added into g (and the return value
   * meaningless).
   */
  private double evaluate(double[] th, int[] rows, double scale, double[] g, RowDerivatives d) {
    double[] sd = sds(th);
    double[] u = aux(th);
    double lik = 0;
    int count = rows == null ? n : rows.length;
    d.prepare(response, u, g == null ? RowDerivatives.Need.VALUE : RowDerivatives.Need.GRADIENT);
    for (int r = 0; r < count; r++) {
      int i = rows == null ? r : rows[r];
      d.at(y[i], eta(i, th, sd), extra[i], constant[i], knownSe);
      lik += d.value;
      if (g != null) {
        addGradEta(i, scale * d.e, th, sd, g);
        for (int a = 0; a < nAux; a++) {
          g[aux0 + a] += scale * d.u[a];
        }
      }
    }
    // the score path leaves the value uncomputed: only logDensity (g == null) returns it
    return g == null ? scale * lik + prior(th, null) : prior(th, g);
  }

  /** The log prior with its Jacobians; its gradient added into g when not null. */
  private double prior(double[] th, double[] g) {
    double lp = 0;
    if (centred) {
      lp += priors.intercept().logDensity(th[0]);
      if (g != null) {
        g[0] += priors.intercept().derivative(th[0]);
      }
    }
    for (int j = 0; j < p; j++) {
      Density b = priors.coefficients().get(j);
      lp += b.logDensity(th[b0 + j]);
      if (g != null) {
        g[b0 + j] += b.derivative(th[b0 + j]);
      }
    }
    for (int k = 0; k < groups; k++) {
      lp += logScale(priors.sds().get(k), th[sd0 + k], 0, g, sd0 + k);
    }
    for (int a = 0; a < nAux; a++) {
      lp += logScale(priors.auxiliary().get(a), th[aux0 + a], auxLower[a], g, aux0 + a);
    }
    for (int k = 0; k < groups; k++) {
      int levels = design.groupEffects().get(k).levels().size();
      for (int l = 0; l < levels; l++) {
        double z = th[z0[k] + l];
        lp -= 0.5 * z * z;
        if (g != null) {
          g[z0[k] + l] -= z;
        }
      }
    }
    return lp;
  }

  /** log p(lower + e^u) + u (the Jacobian of v = lower + e^u), gradient into g[at]. */
  private static double logScale(Density prior, double u, double lower, double[] g, int at) {
    double e = Math.exp(u);
    double v = lower + e;
    if (g != null) {
      g[at] += prior.derivative(v) * e + 1;
    }
    return prior.logDensity(v) + u;
  }

  /** out = ∇² log p(θ) v on the rows given, the likelihood scaled by {@code scale}. */
  private void hessianTimes(double[] th, double[] v, int[] rows, double scale, double[] out, RowDerivatives d) {
    java.util.Arrays.fill(out, 0);
    double[] sd = sds(th);
    double[] u = aux(th);
    int count = rows == null ? n : rows.length;
    d.prepare(response, u, RowDerivatives.Need.HESSIAN);
    for (int r = 0; r < count; r++) {
      int i = rows == null ? r : rows[r];
      d.at(y[i], eta(i, th, sd), extra[i], constant[i], knownSe);
      double a = gradEtaDot(i, th, sd, v);
      double b = 0;
      for (int q = 0; q < nAux; q++) {
        b += d.eu[q] * v[aux0 + q];
      }
      addGradEta(i, scale * (d.ee * a + b), th, sd, out);
      for (int q = 0; q < nAux; q++) {
        double s = d.eu[q] * a;
        for (int q2 = 0; q2 < nAux; q2++) {
          s += d.uu[q][q2] * v[aux0 + q2];
        }
        out[aux0 + q] += scale * s;
      }
      // ℓ_η ∇²η v: η is bilinear in (e^τ_k, z_k)
      for (int k = 0; k < groups; k++) {
        int zi = z0[k] + level[k][i];
        double sw = scale * d.e * sd[k] * weight[k][i];
        out[sd0 + k] += sw * (th[zi] * v[sd0 + k] + v[zi]);
        out[zi] += sw * v[sd0 + k];
      }
    }
    // the priors are independent: a diagonal Hessian
    if (centred) {
      out[0] += priors.intercept().secondDerivative(th[0]) * v[0];
    }
    for (int j = 0; j < p; j++) {
      out[b0 + j] += priors.coefficients().get(j).secondDerivative(th[b0 + j]) * v[b0 + j];
    }
    for (int k = 0; k < groups; k++) {
      out[sd0 + k] += scaleCurvature(priors.sds().get(k), th[sd0 + k], 0) * v[sd0 + k];
    }
    for (int a = 0; a < nAux; a++) {
      out[aux0 + a] += scaleCurvature(priors.auxiliary().get(a), th[aux0 + a], auxLower[a]) * v[aux0 + a];
    }
    for (int k = 0; k < groups; k++) {
      int levels = design.groupEffects().get(k).levels().size();
      for (int l = 0; l < levels; l++) {
        out[z0[k] + l] -= v[z0[k] + l];
      }
    }
  }

  /** d²/du² of log p(lower + e^u) + u. */
  private static double scaleCurvature(Density prior, double u, double lower) {
    double e = Math.exp(u);
    double v = lower + e;
    return prior.secondDerivative(v) * e * e + prior.derivative(v) * e;
  }

  @Override
  public double logDensity(double[] x) {
    Batches.checkLength(x, dim);
    return evaluate(x, null, 1.0, null, new RowDerivatives());
  }

  @Override
  public double[] gradLogDensity(double[] x) {
    Batches.checkLength(x, dim);
    double[] g = new double[dim];
    evaluate(x, null, 1.0, g, new RowDerivatives());
    return g;
  }

  /** ∇² log p(x) v on all rows, plain doubles (tests, and the reference for the batched path). */
  public double[] hessianVectorProduct(double[] x, double[] v) {
    Batches.checkLength(x, dim);
    Batches.checkLength(v, dim);
    double[] out = new double[dim];
    hessianTimes(x, v, null, 1.0, out, new RowDerivatives());
    return out;
  }

  @Override
  public ScoreAt scoreAt(INDArray x, int[] rows) {
    Batches.checkPoints(x, dim, "x");
    if (rows != null) {
      Batches.checkRows(rows, n);
    }
    int[] used = rows == null ? null : rows.clone();
    double scale = rows == null ? 1.0 : (double) n / rows.length;
    int points = (int) x.rows();
    double[] all = Batches.rowMajor(x);
    double[] score = new double[points * dim];
    RowDerivatives d = new RowDerivatives();
    double[] th = new double[dim];
    double[] g = new double[dim];
    for (int m = 0; m < points; m++) {
      System.arraycopy(all, m * dim, th, 0, dim);
      java.util.Arrays.fill(g, 0);
      evaluate(th, used, scale, g, d);
      System.arraycopy(g, 0, score, m * dim, dim);
    }
    INDArray s = Batches.matrix(score, points, dim, x.dataType());
    return new ScoreAt() {
      @Override
      public INDArray score() {
        return s;
      }

      @Override
      public INDArray hessianVectorProduct(INDArray v) {
        Batches.checkDirection(v, x);
        double[] dirs = Batches.rowMajor(v);
        double[] hv = new double[points * dim];
        double[] point = new double[dim];
        double[] dir = new double[dim];
        double[] out = new double[dim];
        for (int m = 0; m < points; m++) {
          System.arraycopy(all, m * dim, point, 0, dim);
          System.arraycopy(dirs, m * dim, dir, 0, dim);
          hessianTimes(point, dir, used, scale, out, d);
          System.arraycopy(out, 0, hv, m * dim, dim);
        }
        return Batches.matrix(hv, points, dim, v.dataType());
      }
    };
  }
}
