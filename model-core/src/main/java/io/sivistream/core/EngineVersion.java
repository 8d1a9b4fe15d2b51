package io.sivistream.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The engine's version and the git commit it was built from, as the build wrote them into
 * {@code version.properties}: what `sivistream --version` prints and what every published
 * posterior summary carries, so a posterior can be traced to the code that made it.
 *
 * @param version the project version (for example 0.1.0-SNAPSHOT)
 * @param commit the abbreviated commit id, with "-dirty" when the working tree had changes, or
 *     "unknown" when built outside a git checkout
 */
public record EngineVersion(String version, String commit) {

  private static final String RESOURCE = "version.properties";
  private static final EngineVersion CURRENT = load();

  /** This build's version. */
  public static EngineVersion current() {
    return CURRENT;
  }

  /** "0.1.0-SNAPSHOT+3f2a9c1d0e4b": version and commit in one token, as summaries carry it. */
  @Override
  public String toString() {
    return version + "+" + commit;
  }

  private static EngineVersion load() {
    Properties p = new Properties();
    try (InputStream in = EngineVersion.class.getResourceAsStream(RESOURCE)) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    String version = resolved(p.getProperty("version"));
    String commit = resolved(p.getProperty("commit"));
    if (!"unknown".equals(commit) && "true".equals(p.getProperty("dirty"))) {
      commit += "-dirty";
    }
    return new EngineVersion(version, commit);
  }

  /** A property the build filled in, or "unknown" when it was left as a placeholder. */
  private static String resolved(String value) {
    return value == null || value.isBlank() || value.contains("${") ? "unknown" : value.trim();
  }
}
