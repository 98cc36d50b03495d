package io.pipewright.cron;

import java.util.Optional;

/**
 * A cron expression that cannot be read. The message quotes the expression, names the field and its
 * allowed values, and points at the problem with a caret line. Not final: the sdk's {@code
 * InvalidCronException}, which users catch, extends it.
 */
public class CronSyntaxException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String expression;
  private final String field;

  /**
   * Creates the exception.
   *
   * @param expression the expression as given, or null when none was
   * @param message what is wrong, where, and how to fix it
   * @param field the label of the field at fault ({@code minute}, {@code day-of-week}...), or null
   *     when the problem is not in one field
   */
  public CronSyntaxException(String expression, String message, String field) {
    super(message);
    this.expression = expression;
    this.field = field;
  }

  /**
   * Returns the expression as given.
   *
   * @return the expression, or null when none was given
   */
  public String expression() {
    return expression;
  }

  /**
   * Returns the field at fault.
   *
   * @return its label, or empty when the problem is not in one field
   */
  public Optional<String> field() {
    return Optional.ofNullable(field);
  }
}
