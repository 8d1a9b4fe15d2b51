package io.sivistream.core.formula;

/**
 * A formula, prior string or design that cannot be used, with a message naming the term or the
 * value, what is allowed and, where there is one, the fix. An {@link IllegalArgumentException} so
 * that the spec reader reports it like every other invalid value.
 */
public final class FormulaException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public FormulaException(String message) {
    super(message);
  }
}
