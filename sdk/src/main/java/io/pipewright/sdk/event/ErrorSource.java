package io.pipewright.sdk.event;

/** Where a step failure came from, as Dagster classifies it. */
public enum ErrorSource {
  /** User code threw (the op body, an IO manager, a resource, a type check). */
  USER_CODE_ERROR,
  /** The framework detected a problem, e.g. invalid config or a missing output. */
  FRAMEWORK_ERROR,
  /** Something failed that no one anticipated: a bug in the framework. */
  UNEXPECTED_ERROR,
  /** Execution was interrupted, e.g. by cancellation or termination. */
  INTERRUPT
}
