package io.sivistream.core.spec;

/**
 * A mistake in a model spec (user error): the message names the spec source, the key and what
 * is allowed, e.g. {@code "spec.yaml: unknown key 'itertions' in train; valid keys: iterations, ..."}.
 */
public final class SpecException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public SpecException(String message) {
    super(message);
  }

  public SpecException(String message, Throwable cause) {
    super(message, cause);
  }
}
