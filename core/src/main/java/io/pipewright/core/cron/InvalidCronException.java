package io.pipewright.core.cron;

import java.util.Optional;

/**
 * Thrown when a cron expression cannot be read. The message quotes the expression, names the field
 * that is wrong and the values it takes, and points at the offending text:
 *
 * <pre>
 * Invalid cron expression '0 25 * * *': the hour field (2nd) has 25, outside its range 0-23.
 *   0 25 * * *
 *     ^^
 * </pre>
 */
public class InvalidCronException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** The expression that could not be read, or null. */
  private final String expression;

  /** The name of the wrong field, or null when the expression as a whole is wrong. */
  private final String field;

  /**
   * Creates the exception.
   *
   * @param expression the expression that could not be read; may be null
   * @param message the full message
   */
  public InvalidCronException(String expression, String message) {
    this(expression, message, null);
  }

  /**
   * Creates the exception for a problem in one field.
   *
   * @param expression the expression that could not be read; may be null
   * @param message the full message
   * @param field the field's name ({@code minute}, {@code hour}, {@code day-of-month}, {@code
   *     month} or {@code day-of-week}), or null when the problem is not in one field
   */
  public InvalidCronException(String expression, String message, String field) {
    super(message);
    this.expression = expression;
    this.field = field;
  }

  /**
   * Returns the expression that could not be read.
   *
   * @return the expression as given, or null if none was given
   */
  public String expression() {
    return expression;
  }

  /**
   * Returns the name of the field that is wrong.
   *
   * @return {@code minute}, {@code hour}, {@code day-of-month}, {@code month} or {@code
   *     day-of-week}; empty when the problem is the expression as a whole (e.g. too few fields)
   */
  public Optional<String> field() {
    return Optional.ofNullable(field);
  }
}
