package io.sivistream.app.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The entry class of the job jar on a Flink cluster in application mode (the FlinkDeployment's
 * {@code job.entryClass}, deploy/k8s/base/flink.yaml): {@code sivistream run} with the given
 * arguments, e.g. {@code --config /opt/sivistream/conf/job.yaml}.
 *
 * <p>It differs from {@link Main} in one way that matters there: it never calls
 * {@code System.exit}. In application mode {@code main} runs inside the job manager's JVM, where
 * an exit would stop the job manager itself; a failure is thrown instead, which Flink reports as
 * the application's failure.
 */
public final class FlinkApplication {

  private FlinkApplication() {}

  public static void main(String[] args) {
    List<String> run = new ArrayList<>();
    run.add("run");
    run.addAll(List.of(args));
    int status = Main.commandLine().execute(run.toArray(String[]::new));
    if (status != 0) {
      throw new IllegalStateException("sivistream run " + String.join(" ", args)
          + " ended with status " + status + " (its message is in the job manager's log)");
    }
  }
}
