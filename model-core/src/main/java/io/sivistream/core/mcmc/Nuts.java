package io.sivistream.core.mcmc;

import io.sivistream.core.target.Target;
import io.sivistream.core.train.ProgressListener;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The No-U-Turn sampler, used as the reference posterior that SIVI-SM is checked against.
 *
 * <p>Multinomial NUTS with the generalised no-U-turn criterion (Betancourt 2017, "A Conceptual
 * Introduction to Hamiltonian Monte Carlo"; Hoffman &amp; Gelman 2014, "The No-U-Turn Sampler"), a
 * diagonal metric and Stan's windowed warmup: dual-averaging step size adaptation and the metric
 * estimated from the draws of doubling slow windows (75 / 25, 50, 100, ... / 50 iterations).
 *
 * <p>Chains run in parallel threads, each with its own generator split from {@code config.seed()} in
 * chain order, so the draws depend only on the seed and the target, never on thread timing. The
 * target's {@code logDensity} and {@code gradLogDensity} are called from several threads at once and
 * must be safe for that (pure functions of their argument are).
 *
 * <pre>{@code
 * HmcResult r = Nuts.sample(target, HmcConfig.DEFAULT, ProgressListener.NONE);
 * if (r.maxRhat() > 1.01 || r.divergences() > 0) { ... do not trust r.draws() ... }
 * }</pre>
 */
public final class Nuts {

  /** Progress is reported every this many iterations, counted over all chains. */
  private static final int REPORT_EVERY = 100;

  private Nuts() {
  }

  /**
   * Samples the target.
   *
   * @param target the density, over R^d; only its plain double path is used
   * @param config chains, warmup, draws, seed, tree depth, target acceptance
   * @param progress told every ~100 iterations (over all chains, of chains * (warmup + draws per chain));
   *     the loss argument is NaN. Calls come from worker threads, one at a time, with increasing counts.
   * @return the kept draws, shape (config.draws(), d), with R-hat, bulk ESS, step sizes and divergences
   */
  public static HmcResult sample(Target target, HmcConfig config, ProgressListener progress) {
    int d = target.dim();
    if (d < 1) {
      throw new IllegalArgumentException("target.dim() must be >= 1, got " + d);
    }
    List<String> names = target.parameterNames();
    if (names.size() != d) {
      throw new IllegalArgumentException("target.parameterNames() has " + names.size()
          + " names but target.dim() is " + d + "; they must agree");
    }
    long start = System.nanoTime();
    int chains = config.chains();
    int perChain = config.drawsPerChain();
    int total = chains * (config.warmup() + perChain);
    Progress reporter = new Progress(progress, total, start);

    // Split the chain generators in a fixed order on this thread: determinism does not depend on scheduling.
    SplittableRandom master = new SplittableRandom(config.seed());
    List<SplittableRandom> rngs = new ArrayList<>();
    for (int c = 0; c < chains; c++) {
      rngs.add(master.split());
    }
    int threads = Math.max(1, Math.min(chains, Runtime.getRuntime().availableProcessors()));
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "nuts-chain");
      t.setDaemon(true);
      return t;
    });
    NutsChain.Output[] outputs = new NutsChain.Output[chains];
    try {
      List<Future<NutsChain.Output>> futures = new ArrayList<>();
      for (int c = 0; c < chains; c++) {
        NutsChain chain = new NutsChain(target, config.maxTreeDepth(), rngs.get(c));
        futures.add(pool.submit(() ->
            chain.run(config.warmup(), perChain, config.targetAccept(), it -> reporter.tick())));
      }
      for (int c = 0; c < chains; c++) {
        outputs[c] = futures.get(c).get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("NUTS was interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException("NUTS chain failed: " + cause, cause);
    } finally {
      pool.shutdownNow();
    }
    return assemble(names, outputs, perChain, d, start);
  }

  /** {@link #sample(Target, HmcConfig, ProgressListener)} without progress reports. */
  public static HmcResult sample(Target target, HmcConfig config) {
    return sample(target, config, ProgressListener.NONE);
  }

  private static HmcResult assemble(List<String> names, NutsChain.Output[] outputs, int perChain, int d, long start) {
    int chains = outputs.length;
    double[][] draws = new double[chains * perChain][];
    double[] stepSizes = new double[chains];
    int divergences = 0;
    for (int c = 0; c < chains; c++) {
      System.arraycopy(outputs[c].draws(), 0, draws, c * perChain, perChain);
      stepSizes[c] = outputs[c].stepSize();
      divergences += outputs[c].divergences();
    }
    double[] rhat = Diagnostics.rhat(draws, chains);
    double[] ess = Diagnostics.bulkEss(draws, chains);
    double seconds = (System.nanoTime() - start) / 1e9;
    return new HmcResult(names, draws, rhat, ess, stepSizes, divergences, seconds);
  }

  /** Counts iterations over all chains and forwards every REPORT_EVERY-th to the listener, serialised. */
  private static final class Progress {
    private final ProgressListener listener;
    private final int total;
    private final long start;
    private final AtomicInteger done = new AtomicInteger();
    private int reported;

    Progress(ProgressListener listener, int total, long start) {
      this.listener = listener;
      this.total = total;
      this.start = start;
    }

    void tick() {
      int n = done.incrementAndGet();
      if (n % REPORT_EVERY == 0 || n == total) {
        synchronized (this) {
          if (n > reported) {
            reported = n;
            listener.onProgress(n, total, Double.NaN, (System.nanoTime() - start) / 1e9);
          }
        }
      }
    }
  }
}
