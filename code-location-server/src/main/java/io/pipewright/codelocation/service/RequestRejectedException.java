package io.pipewright.codelocation.service;

import io.pipewright.sdk.internal.text.Suggestions;
import java.util.Collection;

/**
 * A call the location cannot answer because of the request, not because of the user's code: it
 * names a job, asset, schedule or sensor the location does not have, selects something invalid, or
 * arrives while the location's definitions failed to load. User errors (invalid config, a sensor
 * that throws) are not exceptions: they come back as data. The gRPC layer turns each {@link Reason}
 * into a status.
 */
public final class RequestRejectedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why the request was rejected. */
  public enum Reason {
    /** The job, asset, schedule or sensor named does not exist in the location. */
    NOT_FOUND,
    /** The request is malformed: an invalid selection, partition key or step key. */
    INVALID_REQUEST,
    /** The location's definitions failed to load; only the snapshot (with the errors) is served. */
    DEFINITIONS_NOT_LOADED
  }

  private final Reason reason;

  private RequestRejectedException(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  /**
   * Rejects a request naming something the location does not have.
   *
   * @param kind what was looked up, such as {@code job}
   * @param name the name asked for
   * @param known the names the location has
   * @return the exception, whose message lists the known names and the closest one
   */
  public static RequestRejectedException notFound(
      String kind, String name, Collection<String> known) {
    String closest = Suggestions.closest(name, known);
    return new RequestRejectedException(
        Reason.NOT_FOUND,
        "This code location has no "
            + kind
            + " named '"
            + name
            + "'."
            + (closest == null ? "" : " Did you mean '" + closest + "'?")
            + " Its "
            + kind
            + "s: "
            + (known.isEmpty() ? "none" : String.join(", ", known))
            + ".");
  }

  /**
   * Rejects a malformed request.
   *
   * @param message what is wrong and how to fix it
   * @return the exception
   */
  public static RequestRejectedException invalid(String message) {
    return new RequestRejectedException(Reason.INVALID_REQUEST, message);
  }

  /**
   * Rejects a call that needs definitions when they failed to load.
   *
   * @param message the load errors, rendered
   * @return the exception
   */
  public static RequestRejectedException definitionsNotLoaded(String message) {
    return new RequestRejectedException(Reason.DEFINITIONS_NOT_LOADED, message);
  }

  /**
   * Returns why the request was rejected.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }
}
