package io.pipewright.sdk.internal.engine;

/** A resource could not be set up; the step that needed it fails. */
public final class ResourceInitException extends Exception {
  private final String resourceKey;

  /**
   * Creates the exception.
   *
   * @param resourceKey the resource
   * @param problem what went wrong
   * @param cause the user's exception, or {@code null}
   */
  public ResourceInitException(String resourceKey, String problem, Throwable cause) {
    super("Resource '" + resourceKey + "' could not be set up: " + problem + ".", cause);
    this.resourceKey = resourceKey;
  }

  /**
   * The resource.
   *
   * @return its key
   */
  public String resourceKey() {
    return resourceKey;
  }
}
