package io.sivistream.core.stream;

/**
 * A window's update ended with a posterior that has a non-finite mean, sd or weight, after the
 * trainer's own recoveries: nothing of it may be published or kept.
 */
public final class NonFinitePosteriorException extends ArithmeticException {

  private static final long serialVersionUID = 1L;

  public NonFinitePosteriorException(String message) {
    super(message);
  }
}
