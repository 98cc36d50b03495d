package io.pipewright.sdk.schedule;

import io.pipewright.cron.CronSyntaxException;

/**
 * Thrown when a cron expression cannot be read. The message quotes the expression, names the field
 * that is wrong and the values it takes, and points at the offending text:
 *
 * <pre>
 * Invalid cron expression '0 25 * * *': the hour field (2nd) has 25, outside its range 0-23.
 *   0 25 * * *
 *     ^^
 * </pre>
 *
 * <p>{@link #expression()} and {@link #field()} come from {@link CronSyntaxException}, what the
 * shared matcher (module {@code pipewright-cron}) throws; the sdk's own type stays what schedules
 * document and users catch.
 */
public class InvalidCronException extends CronSyntaxException {
  private static final long serialVersionUID = 1L;

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
    super(expression, message, field);
  }
}
