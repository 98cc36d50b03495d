package io.pipewright.sdk.asset;

/**
 * Thrown when an asset selection expression is not well formed, such as {@code key:a and} or {@code
 * owner:team:data}.
 *
 * <p>The message quotes the expression, says what is wrong and what was expected, puts a caret
 * under the offending position, and ends with a reminder of the syntax.
 */
public final class AssetSelectionSyntaxException extends IllegalArgumentException {

  private final String expression;
  private final int position;

  /**
   * Creates the exception.
   *
   * @param message the complete, user-facing description of the problem
   * @param expression the expression that failed to parse
   * @param position the index of the offending character in {@code expression}; its length when the
   *     expression ended too early
   */
  public AssetSelectionSyntaxException(String message, String expression, int position) {
    super(message);
    this.expression = expression;
    this.position = position;
  }

  /**
   * Returns the expression that failed to parse.
   *
   * @return the expression, exactly as given
   */
  public String expression() {
    return expression;
  }

  /**
   * Returns where the problem is.
   *
   * @return the zero-based index of the offending character in {@link #expression()}, or its length
   *     when the expression ended too early
   */
  public int position() {
    return position;
  }
}
