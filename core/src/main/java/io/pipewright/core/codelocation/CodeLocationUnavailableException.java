package io.pipewright.core.codelocation;

/**
 * The code location's server could not be reached, or did not answer in time. Hosts show the
 * location as unavailable and retry later; nothing is wrong with the request itself.
 */
public final class CodeLocationUnavailableException extends CodeLocationException {

  /**
   * Creates the exception.
   *
   * @param locationName the code location's name
   * @param address where it was called, such as {@code etl:4000}
   * @param message the full message, naming the location, the address and what failed
   * @param cause the transport's exception; may be null
   */
  public CodeLocationUnavailableException(
      String locationName, String address, String message, Throwable cause) {
    super(locationName, address, message, cause);
  }
}
