package io.sivistream.core.data;

/**
 * A problem with a data or draws file (user error). The message names the file and, where it
 * applies, the 1-based line number and the column: {@code "waveform.csv line 17, column x3: 'abc'
 * is not a number"}.
 */
public final class DataException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public DataException(String message) {
    super(message);
  }

  public DataException(String message, Throwable cause) {
    super(message, cause);
  }
}
