package io.pipewright.webserver.graphql;

/**
 * An argument that the schema accepts but the API cannot use (an unknown cursor, two job names):
 * reported as data, naming the argument and the fix, never as an unhandled error.
 */
public final class BadArgumentException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message names the argument, what is wrong with it and how to fix it
   */
  public BadArgumentException(String message) {
    super(message);
  }
}
