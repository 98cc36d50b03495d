package io.pipewright.core.snapshot;

import io.pipewright.core.internal.Checks;
import java.util.List;

/**
 * An error raised by user code or by the code location server, as data: Dagster's {@code
 * SerializableErrorInfo} and the sdk's {@code ErrorInfo}. Strings only, never the exception.
 *
 * @param className the fully qualified class name of the exception; non-blank
 * @param message the class name and the message, as Java prints it (for example {@code
 *     java.lang.IllegalStateException: boom}); not null, may be empty
 * @param stack the stack frames, each like {@code " at pkg.Cls.method(File.java:12)"}; null becomes
 *     empty
 * @param cause the error that caused this one; may be null
 * @param context the error being handled when this one was raised; may be null
 */
public record ErrorSnapshot(
    String className,
    String message,
    List<String> stack,
    ErrorSnapshot cause,
    ErrorSnapshot context) {

  /** Validates and copies the components. */
  public ErrorSnapshot {
    Checks.requireNonBlank(className, "ErrorSnapshot", "className");
    Checks.require(message, "ErrorSnapshot", "message");
    stack = Checks.list(stack, "ErrorSnapshot", "stack");
  }

  /**
   * Returns an error without stack, cause or context.
   *
   * @param className the error's kind, such as a fully qualified class name
   * @param message the full message
   * @return the error
   */
  public static ErrorSnapshot of(String className, String message) {
    return new ErrorSnapshot(className, message, List.of(), null, null);
  }

  /**
   * Returns the first line of the message, for one-line renderings.
   *
   * @return the first line
   */
  public String firstLine() {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline).stripTrailing();
  }
}
