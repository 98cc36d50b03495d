package io.pipewright.sdk;

import io.pipewright.sdk.metadata.Metadata;

/**
 * Thrown by op code to fail its step on purpose, with a description and metadata for the event log
 * (Dagster's {@code Failure}).
 *
 * <p>By default the step's retry policy still applies; use {@link #withoutRetries(String)} (or pass
 * {@code allowRetries = false}) when retrying cannot help, e.g. for bad input data.
 *
 * <pre>{@code
 * throw new Failure("Source file is empty", Metadata.of("path", path));
 * }</pre>
 */
public class Failure extends RuntimeException {

  /** What went wrong. */
  private final String description;

  /** Transient because Metadata is not Serializable, while every Throwable is. */
  private final transient Metadata metadata;

  /** Whether the retry policy may retry this failure. */
  private final boolean allowRetries;

  /**
   * Creates a failure that the retry policy may retry.
   *
   * @param description what went wrong; becomes the exception message
   */
  public Failure(String description) {
    this(description, Metadata.empty(), true, null);
  }

  /**
   * Creates a failure with metadata that the retry policy may retry.
   *
   * @param description what went wrong; becomes the exception message
   * @param metadata facts for the event log; null for none
   */
  public Failure(String description, Metadata metadata) {
    this(description, metadata, true, null);
  }

  /**
   * Creates a failure with metadata, saying whether the retry policy may retry it.
   *
   * @param description what went wrong; becomes the exception message
   * @param metadata facts for the event log; null for none
   * @param allowRetries false to fail the step for good, whatever its retry policy
   */
  public Failure(String description, Metadata metadata, boolean allowRetries) {
    this(description, metadata, allowRetries, null);
  }

  /**
   * Creates a failure caused by another exception, which the retry policy may retry.
   *
   * @param description what went wrong; becomes the exception message
   * @param cause the underlying exception
   */
  public Failure(String description, Throwable cause) {
    this(description, Metadata.empty(), true, cause);
  }

  private Failure(String description, Metadata metadata, boolean allowRetries, Throwable cause) {
    super(description, cause);
    this.description = description;
    this.metadata = metadata == null ? Metadata.empty() : metadata;
    this.allowRetries = allowRetries;
  }

  /**
   * Creates a failure that fails the step for good, whatever its retry policy.
   *
   * @param description what went wrong
   * @return the failure, to throw
   */
  public static Failure withoutRetries(String description) {
    return new Failure(description, Metadata.empty(), false);
  }

  /**
   * Creates a failure with metadata that fails the step for good, whatever its retry policy.
   *
   * @param description what went wrong
   * @param metadata facts for the event log
   * @return the failure, to throw
   */
  public static Failure withoutRetries(String description, Metadata metadata) {
    return new Failure(description, metadata, false);
  }

  /**
   * Returns what went wrong.
   *
   * @return the description; may be null if none was given
   */
  public String description() {
    return description;
  }

  /**
   * Returns the facts for the event log.
   *
   * @return the metadata; empty when none was given
   */
  public Metadata metadata() {
    // Null only after Java deserialization, which skips the transient field.
    return metadata == null ? Metadata.empty() : metadata;
  }

  /**
   * Tells whether the step's retry policy may retry this failure.
   *
   * @return true unless created without retries
   */
  public boolean allowRetries() {
    return allowRetries;
  }
}
