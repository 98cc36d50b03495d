package io.pipewright.sdk.internal.schedule;

import io.pipewright.sdk.event.ErrorInfo;

/** How evaluations treat what user code throws and returns. */
final class UserCode {
  private UserCode() {}

  /** The error kind of results that break the rules (null, a cursor where none is allowed...). */
  static final String INVALID_RESULT = IllegalStateException.class.getName();

  /**
   * Describes a user error, rethrowing only errors the JVM cannot recover from. A stack overflow is
   * the user's recursion, not the JVM's state, so it is reported like any other error.
   */
  static ErrorInfo capture(Throwable t) {
    if (t instanceof VirtualMachineError vme && !(t instanceof StackOverflowError)) {
      throw vme;
    }
    return ErrorInfo.from(t);
  }

  static ErrorInfo invalid(String message) {
    return ErrorInfo.of(INVALID_RESULT, message);
  }
}
