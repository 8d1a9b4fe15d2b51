package io.sivistream.app.job;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;

/**
 * Flink cluster settings the posterior job depends on; applied by the embedded runtime and
 * mirrored in the deployment's Flink configuration.
 *
 * <p>ND4J and JavaCPP load native libraries (libnd4jcpu, OpenBLAS) with {@code System.load}. A
 * native library can be bound to only one class loader per JVM, so if each job attempt loaded
 * these classes in its own child-first user-code class loader, the second attempt after a restart
 * would fail with {@code UnsatisfiedLinkError: ... already loaded in another classloader}. Loading
 * {@code org.nd4j} and {@code org.bytedeco} parent-first keeps one copy per task manager JVM.
 * This is cluster configuration: it has to be in the task managers' config, not in the job's.
 */
public final class ClusterSettings {

  /** Packages that must load parent-first ({@code classloader.parent-first-patterns.additional}). */
  public static final List<String> PARENT_FIRST_PATTERNS = List.of("org.nd4j", "org.bytedeco");

  private ClusterSettings() {}

  /** Adds {@link #PARENT_FIRST_PATTERNS} to {@code config}, keeping any patterns already set. */
  public static Configuration applyTo(Configuration config) {
    List<String> patterns =
        new ArrayList<>(config.get(CoreOptions.ALWAYS_PARENT_FIRST_LOADER_PATTERNS_ADDITIONAL));
    for (String p : PARENT_FIRST_PATTERNS) {
      if (!patterns.contains(p)) {
        patterns.add(p);
      }
    }
    config.set(CoreOptions.ALWAYS_PARENT_FIRST_LOADER_PATTERNS_ADDITIONAL, patterns);
    return config;
  }
}
