package io.pipewright.core.codelocation;

/**
 * The code location's server answered a call with an error instead of a result: it does not know
 * the job, schedule or sensor named (the host's snapshot is stale), the request is malformed, the
 * server is older than the host and lacks the call, or the server itself failed.
 */
public final class CodeLocationCallException extends CodeLocationException {

  /** Why the server refused the call. */
  public enum Reason {
    /** The job, asset, schedule or sensor named does not exist in the location. */
    NOT_FOUND,
    /** The request is malformed, such as an op selection that selects nothing. */
    INVALID_REQUEST,
    /** The server does not implement the call: it runs an older protocol version. */
    UNIMPLEMENTED,
    /** The answer is larger than the client accepts. */
    TOO_LARGE,
    /** The server failed; its logs say why. */
    SERVER_ERROR
  }

  private final Reason reason;

  /**
   * Creates the exception.
   *
   * @param locationName the code location's name
   * @param address where it was called
   * @param reason why the server refused the call
   * @param message the full message
   * @param cause the transport's exception; may be null
   */
  public CodeLocationCallException(
      String locationName, String address, Reason reason, String message, Throwable cause) {
    super(locationName, address, message, cause);
    this.reason = reason;
  }

  /**
   * Returns why the server refused the call.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }
}
