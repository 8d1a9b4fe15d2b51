package io.sivistream.core.accuracy;

import io.sivistream.core.eval.Discrepancy;
import io.sivistream.core.target.FormulaTarget;
import io.sivistream.core.train.FitResult;
import io.sivistream.core.train.ProgressListener;
import io.sivistream.core.train.SiviSm;
import io.sivistream.core.train.TrainConfig;
import java.util.Locale;

/**
 * By hand: one brms reference fitted with other settings, several sample seeds.
 * {@code FormulaProbe NAME [iterations] [batch]} (0 keeps the spec's value).
 */
final class FormulaProbe {

  private FormulaProbe() {}

  public static void main(String[] args) {
    BrmsReference ref = BrmsReference.load(args[0]);
    TrainConfig train = ref.spec().train();
    if (args.length > 1 && Integer.parseInt(args[1]) > 0) {
      train = train.withIterations(Integer.parseInt(args[1]));
    }
    if (args.length > 2 && Integer.parseInt(args[2]) > 0) {
      train = train.withBatch(Integer.parseInt(args[2]));
    }
    FormulaTarget target = FormulaTarget.of(ref.spec().formula(), ref.data());
    FitResult fit = SiviSm.fit(target, ref.spec().family(), ref.spec().critic(), train, ProgressListener.NONE);
    for (long seed = 2; seed <= 4; seed++) {
      double[][] ours = FormulaAccuracyTest.reorder(target.toDraws(fit.posterior().sample(4000, seed)), target.drawNames(),
          ref.draws().names());
      System.out.printf(Locale.ROOT, "%s seed %d: %s in %.1f s%n%s%n", args[0], seed,
          Discrepancy.compare(ours, ref.draws().draws()), fit.seconds(),
          String.join("\n", FormulaAccuracyTest.perParameter(ref.draws().names(), ours, ref.draws().draws())));
    }
  }
}
