package io.pipewright.webserver;

import io.pipewright.core.snapshot.ErrorSnapshot;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns Java exceptions into {@link ErrorSnapshot}s, the shape the API reports errors in (Dagster's
 * {@code PythonError}): class name, message, stack frames and cause chain, strings only.
 */
public final class ErrorSnapshots {

  /** Stack frames kept per exception: enough to locate a bug, bounded for the API's sake. */
  static final int MAX_FRAMES = 64;

  private ErrorSnapshots() {}

  /**
   * Describes an exception and its causes.
   *
   * @param error the exception
   * @return the description
   */
  public static ErrorSnapshot of(Throwable error) {
    return of(error, new IdentityHashMap<>());
  }

  /**
   * Describes a problem that is not an exception.
   *
   * @param className the kind of problem, shown as the error's class name
   * @param message what is wrong and how to fix it
   * @return the description
   */
  public static ErrorSnapshot of(String className, String message) {
    return ErrorSnapshot.of(className, message);
  }

  private static ErrorSnapshot of(Throwable error, Map<Throwable, Boolean> seen) {
    seen.put(error, Boolean.TRUE);
    StackTraceElement[] frames = error.getStackTrace();
    List<String> stack = new ArrayList<>(Math.min(frames.length, MAX_FRAMES));
    for (int i = 0; i < frames.length && i < MAX_FRAMES; i++) {
      stack.add("  at " + frames[i]);
    }
    Throwable cause = error.getCause();
    ErrorSnapshot causeSnapshot = cause == null || seen.containsKey(cause) ? null : of(cause, seen);
    // As Java prints it, "class: message", the form ErrorSnapshot documents.
    return new ErrorSnapshot(
        error.getClass().getName(), error.toString(), stack, causeSnapshot, null);
  }
}
