package io.pipewright.core.auth;

/**
 * Thrown when an attempt token is malformed, forged (wrong signature), or expired. The message says
 * which, never the token or the secret, so that it can be logged and returned to the caller.
 */
public final class InvalidTokenException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why the token was refused, for metrics and logs. */
  public enum Reason {
    /** Not a token of this format. */
    MALFORMED,
    /** The signature does not match: another secret or a changed payload. */
    BAD_SIGNATURE,
    /** Its expiry has passed. */
    EXPIRED
  }

  private final Reason reason;

  InvalidTokenException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  /**
   * Returns why the token was refused.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }
}
