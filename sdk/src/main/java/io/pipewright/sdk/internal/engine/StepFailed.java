package io.pipewright.sdk.internal.engine;

import io.pipewright.sdk.event.ErrorInfo;
import io.pipewright.sdk.event.ErrorSource;
import io.pipewright.sdk.metadata.Metadata;

/** Ends a step attempt with a failure; carried through the runner, never out of it. */
final class StepFailed extends Exception {
  final ErrorInfo error;
  final ErrorSource source;
  final Metadata metadata;
  final RetryDecision.Request request;

  StepFailed(
      ErrorInfo error, ErrorSource source, Metadata metadata, RetryDecision.Request request) {
    super(error.message(), null, false, false);
    this.error = error;
    this.source = source;
    this.metadata = metadata;
    this.request = request;
  }

  /** A failure the framework detected (a type check, an undeclared output); never retried. */
  static StepFailed framework(String className, String message) {
    return new StepFailed(
        ErrorInfo.of(className, message),
        ErrorSource.FRAMEWORK_ERROR,
        Metadata.empty(),
        RetryDecision.Request.NEVER);
  }

  /** An exception thrown by user code outside the op body (IO manager, resource); not retried. */
  static StepFailed userCode(String context, Throwable cause) {
    ErrorInfo cause0 = ErrorInfo.from(cause);
    ErrorInfo error =
        new ErrorInfo(
            context + ": " + cause0.message(),
            cause0.stack(),
            cause0.className(),
            cause0.cause(),
            null);
    return new StepFailed(
        error, ErrorSource.USER_CODE_ERROR, Metadata.empty(), RetryDecision.Request.NEVER);
  }
}
