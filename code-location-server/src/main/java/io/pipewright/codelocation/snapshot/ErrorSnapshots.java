package io.pipewright.codelocation.snapshot;

import io.pipewright.core.snapshot.ErrorSnapshot;
import io.pipewright.sdk.event.ErrorInfo;

/** Translates errors of user code and of the server into core's {@link ErrorSnapshot}. */
public final class ErrorSnapshots {

  private ErrorSnapshots() {}

  /**
   * Translates the sdk's description of an error, with its causes.
   *
   * @param error the error
   * @return the record
   */
  public static ErrorSnapshot of(ErrorInfo error) {
    return new ErrorSnapshot(
        error.className(),
        error.message(),
        error.stack(),
        error.cause() == null ? null : of(error.cause()),
        error.context() == null ? null : of(error.context()));
  }

  /**
   * Describes an exception and its causes, as the sdk describes user errors.
   *
   * @param throwable the exception
   * @return the record
   */
  public static ErrorSnapshot of(Throwable throwable) {
    return of(ErrorInfo.from(throwable));
  }
}
