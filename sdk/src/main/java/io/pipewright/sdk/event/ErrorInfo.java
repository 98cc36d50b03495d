package io.pipewright.sdk.event;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * A serializable description of an error, Dagster's {@code SerializableErrorInfo}: what the
 * exception said, where it was thrown, and what caused it. Stored in the event log, so it holds
 * strings only and never the exception itself.
 *
 * @param message the class name and the message, e.g. {@code java.lang.IllegalStateException:
 *     boom}; not null
 * @param stack the stack frames, each like {@code " at pkg.Cls.method(File.java:12)"}; copied; null
 *     becomes empty
 * @param className the fully qualified class name of the exception; not null
 * @param cause the error that caused this one; may be null
 * @param context the error being handled when this one was raised (Python's {@code __context__});
 *     may be null. Java has no such notion, so {@link #from(Throwable)} leaves it null.
 */
public record ErrorInfo(
    String message, List<String> stack, String className, ErrorInfo cause, ErrorInfo context) {

  /** At most this many frames are kept per error; deep recursions would otherwise flood the log. */
  public static final int MAX_FRAMES = 200;

  /** At most this many causes are followed below an error. */
  public static final int MAX_CAUSE_DEPTH = 10;

  /**
   * Validates and copies the fields.
   *
   * @param message the class name and the message, e.g. {@code java.lang.IllegalStateException:
   *     boom}; not null
   * @param stack the stack frames, each like {@code " at pkg.Cls.method(File.java:12)"}; copied;
   *     null becomes empty
   * @param className the fully qualified class name of the exception; not null
   * @param cause the error that caused this one; may be null
   * @param context the error being handled when this one was raised (Python's {@code __context__});
   *     may be null. Java has no such notion, so {@link #from(Throwable)} leaves it null.
   * @throws IllegalArgumentException if the message or the class name is null
   */
  public ErrorInfo {
    if (message == null) {
      throw new IllegalArgumentException("ErrorInfo needs a message (may be empty), got null");
    }
    if (className == null || className.isBlank()) {
      throw new IllegalArgumentException(
          "ErrorInfo needs the class name of the error, got "
              + (className == null ? "null" : "a blank string"));
    }
    stack = stack == null ? List.of() : List.copyOf(stack);
  }

  /**
   * Describes an exception and its cause chain. The message is {@code className: message} (just the
   * class name when the exception has no message), the stack holds at most {@value #MAX_FRAMES}
   * frames, and at most {@value #MAX_CAUSE_DEPTH} causes are followed; a cause chain that loops
   * back is cut where it repeats.
   *
   * @param throwable the exception
   * @return the description
   * @throws IllegalArgumentException if {@code throwable} is null
   */
  public static ErrorInfo from(Throwable throwable) {
    if (throwable == null) {
      throw new IllegalArgumentException("ErrorInfo.from(throwable) needs an exception, got null");
    }
    // Collect the chain first, then build from the deepest cause up: records are immutable.
    List<Throwable> chain = new ArrayList<>(4);
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = throwable;
        t != null && chain.size() <= MAX_CAUSE_DEPTH && seen.add(t);
        t = t.getCause()) {
      chain.add(t);
    }
    StackTraceElement[][] traces = new StackTraceElement[chain.size()][];
    for (int i = 0; i < traces.length; i++) {
      traces[i] = chain.get(i).getStackTrace();
    }
    ErrorInfo info = null;
    for (int i = chain.size() - 1; i >= 0; i--) {
      Throwable t = chain.get(i);
      List<String> frames = framesOf(traces[i], i == 0 ? null : traces[i - 1]);
      info = new ErrorInfo(messageOf(t), frames, t.getClass().getName(), info, null);
    }
    return info;
  }

  /**
   * Creates a description without stack, for errors that did not come from an exception.
   *
   * @param className the name of the error's kind, e.g. a fully qualified class name
   * @param message the message, without the class name
   * @return the description, whose message is {@code className: message}
   * @throws IllegalArgumentException if the class name is null or blank
   */
  public static ErrorInfo of(String className, String message) {
    if (className == null || className.isBlank()) {
      throw new IllegalArgumentException(
          "ErrorInfo.of(className, message) needs a class name, got "
              + (className == null ? "null" : "a blank string"));
    }
    return new ErrorInfo(
        message == null ? className : className + ": " + message, List.of(), className, null, null);
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

  /**
   * Renders the error as Java prints exceptions: the message, the stack, then each cause after
   * {@code Caused by:} and any context after {@code While handling:}.
   *
   * @return the multi-line rendering, without a final newline
   */
  public String toDisplayString() {
    StringBuilder out = new StringBuilder(256);
    appendTo(out, "");
    return out.toString();
  }

  private void appendTo(StringBuilder out, String heading) {
    out.append(heading).append(message);
    for (String frame : stack) {
      out.append('\n').append(frame);
    }
    if (cause != null) {
      out.append('\n');
      cause.appendTo(out, "Caused by: ");
    }
    if (context != null) {
      out.append('\n');
      context.appendTo(out, "While handling: ");
    }
  }

  private static String messageOf(Throwable t) {
    String text = t.getMessage();
    String name = t.getClass().getName();
    return text == null ? name : name + ": " + text;
  }

  /**
   * Renders frames as Java does, including its habit of replacing the frames that a cause shares
   * with the exception it caused by {@code ... N more}: they were printed just above.
   */
  private static List<String> framesOf(StackTraceElement[] frames, StackTraceElement[] enclosing) {
    int own = frames.length;
    if (enclosing != null) {
      int j = enclosing.length - 1;
      while (own > 0 && j >= 0 && frames[own - 1].equals(enclosing[j])) {
        own--;
        j--;
      }
    }
    int kept = Math.min(own, MAX_FRAMES);
    List<String> lines = new ArrayList<>(kept + 1);
    for (int i = 0; i < kept; i++) {
      lines.add("  at " + frames[i]);
    }
    if (own > kept) {
      lines.add("  ... " + (own - kept) + " more frames");
    }
    if (frames.length > own) {
      lines.add("  ... " + (frames.length - own) + " more");
    }
    return lines;
  }
}
