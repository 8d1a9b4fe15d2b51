package io.sivistream.app.cli;

/**
 * A mistake the user can fix (wrong option, unknown model, unwritable output): reported as one line
 * and exit status 2, without a stack trace.
 */
final class UserError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  UserError(String message) {
    super(message);
  }

  UserError(String message, Throwable cause) {
    super(message, cause);
  }
}
