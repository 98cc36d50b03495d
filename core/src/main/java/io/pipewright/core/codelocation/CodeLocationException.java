package io.pipewright.core.codelocation;

/**
 * A call to a code location did not produce an answer. User errors (bad config, a sensor that
 * throws) are not exceptions: they come back as data in the call's result.
 */
public abstract sealed class CodeLocationException extends RuntimeException
    permits CodeLocationUnavailableException, CodeLocationCallException {

  private final String locationName;
  private final String address;

  /**
   * Creates the exception.
   *
   * @param locationName the code location's name
   * @param address where it was called, such as {@code etl:4000}
   * @param message the full message
   * @param cause the transport's exception; may be null
   */
  protected CodeLocationException(
      String locationName, String address, String message, Throwable cause) {
    super(message, cause);
    this.locationName = locationName;
    this.address = address;
  }

  /**
   * Returns the name of the code location that was called.
   *
   * @return the location's name
   */
  public String locationName() {
    return locationName;
  }

  /**
   * Returns the address the location was called at.
   *
   * @return such as {@code etl:4000}
   */
  public String address() {
    return address;
  }
}
