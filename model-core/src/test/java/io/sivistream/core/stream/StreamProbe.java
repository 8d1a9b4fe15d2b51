package io.sivistream.core.stream;

import io.sivistream.core.data.Dataset;

/**
 * The streaming checks of docs/streaming.md, run by hand (not a test): args = prior kind
 * (gaussian, mixture, dsm), lambda, drift (0 or 1), iterations per window; -Dfirst and
 * -DpriorDraws override the cold-window iterations and the snapshot size.
 */
public final class StreamProbe {
  public static void main(String[] args) {
    StreamConfig.PriorKind kind = StreamConfig.PriorKind.parse(args[0]);
    double lambda = Double.parseDouble(args[1]);
    boolean drift = args[2].equals("1");
    int ipw = Integer.parseInt(args[3]);
    ConjugateStreams s = new ConjugateStreams(5000, drift ? 2500 : -1, 11);
    StreamConfig sc = new StreamConfig(StreamConfig.Mode.RECURSIVE, lambda, 250, 0, ipw, Integer.getInteger("first", 3000), 3, kind, Integer.getInteger("priorDraws", StreamConfig.DEFAULT.priorDraws()), 4000,
        Integer.getInteger("retain", StreamConfig.DEFAULT.retainRowsPerParameter()));
    StreamingUpdate u = new StreamingUpdate(s.model(sc, 3));
    PosteriorState state = null;
    long t0 = System.nanoTime();
    WindowResult r = null;
    for (int w = 0; w < 20; w++) {
      Dataset win = s.data.slice(w * 250, (w + 1) * 250);
      r = u.apply(state, win);
      state = r.state();
      ConjugateStreams.Sliced sl = new ConjugateStreams.Sliced(s.data.slice(0, (w + 1) * 250));
      double[][] e = sl.exact(250, lambda);
      StringBuilder sb = new StringBuilder();
      for (int j = 0; j < 5; j++) {
        double sd = Math.sqrt(e[1 + j][j]);
        sb.append(String.format(" %+.2f/%.2f", (r.summary().stats().mean()[j] - e[0][j]) / sd, r.summary().stats().sd()[j] / sd));
      }
      System.out.println("w" + (w + 1) + " loss " + String.format("%.3f", r.summary().diagnostics().finalLoss()) + sb);
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    double[][] ex = s.exact(250, lambda);
    double me = 0, ls = 0;
    for (int j = 0; j < 5; j++) {
      double sd = Math.sqrt(ex[1 + j][j]);
      me = Math.max(me, Math.abs(r.summary().stats().mean()[j] - ex[0][j]) / sd);
      ls = Math.max(ls, Math.abs(Math.log(r.summary().stats().sd()[j] / sd)));
    }
    System.out.printf("%s lambda=%.2f drift=%s ipw=%d: %.1fs, max mean err %.3f sd, max |log sd ratio| %.3f%n", kind, lambda, drift, ipw, secs, me, ls);
  }
}
