package io.pipewright.sdk.internal.selection;

/**
 * Thrown when op selection clauses are not well formed, such as {@code +*extract} or {@code a b}.
 *
 * <p>The message quotes every invalid clause, says what is wrong and where (with a caret line), and
 * lists the accepted forms.
 */
public final class SelectionSyntaxException extends IllegalArgumentException {

  /**
   * Creates the exception.
   *
   * @param message the complete, user-facing description of every problem
   */
  public SelectionSyntaxException(String message) {
    super(message);
  }
}
