package io.sivistream.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks output paths before a long run starts, so that a typo does not waste the run. */
final class OutputFiles {

  private OutputFiles() {}

  /**
   * Fails when the path is a directory or its directory cannot be created; creates missing parents.
   *
   * @param option the option that named the path, for the message ("--draws-out")
   * @param path the output file, or null (nothing to check)
   */
  static void prepare(String option, Path path) {
    if (path == null) {
      return;
    }
    if (Files.isDirectory(path)) {
      throw new UserError(option + " " + path + ": is a directory; give a file name");
    }
    Path parent = path.toAbsolutePath().getParent();
    try {
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new UserError(option + " " + path + ": cannot create its directory (" + e.getMessage() + ")", e);
    }
    if (parent != null && !Files.isWritable(parent)) {
      throw new UserError(option + " " + path + ": directory " + parent + " is not writable");
    }
  }
}
