package io.pipewright.sdk.event;

import io.pipewright.sdk.metadata.Metadata;

/**
 * The outcome of a data-quality expectation that an op checked, e.g. "no null ids". Create
 * instances with {@link #passed(String)} and {@link #failed(String, String)}. A failed expectation
 * is reported, but does not fail the step by itself.
 *
 * @param success whether the expectation held
 * @param label a short name for the expectation; not blank
 * @param description details, e.g. why it failed; may be null
 * @param metadata facts about the check, e.g. the number of bad rows; null becomes empty
 */
public record ExpectationResult(
    boolean success, String label, String description, Metadata metadata) {

  /**
   * Validates the result.
   *
   * @param success whether the expectation held
   * @param label a short name for the expectation; not blank
   * @param description details, e.g. why it failed; may be null
   * @param metadata facts about the check, e.g. the number of bad rows; null becomes empty
   * @throws IllegalArgumentException if the label is null or blank
   */
  public ExpectationResult {
    if (label == null || label.isBlank()) {
      throw new IllegalArgumentException(
          "An expectation result needs a non-blank label naming the expectation, e.g."
              + " \"ids_not_null\"");
    }
    if (metadata == null) {
      metadata = Metadata.empty();
    }
  }

  /**
   * Creates a result for an expectation that held.
   *
   * @param label a short name for the expectation
   * @return the result
   */
  public static ExpectationResult passed(String label) {
    return new ExpectationResult(true, label, null, Metadata.empty());
  }

  /**
   * Creates a result for an expectation that held, with metadata.
   *
   * @param label a short name for the expectation
   * @param metadata facts about the check
   * @return the result
   */
  public static ExpectationResult passed(String label, Metadata metadata) {
    return new ExpectationResult(true, label, null, metadata);
  }

  /**
   * Creates a result for an expectation that did not hold.
   *
   * @param label a short name for the expectation
   * @param description why it did not hold
   * @return the result
   */
  public static ExpectationResult failed(String label, String description) {
    return new ExpectationResult(false, label, description, Metadata.empty());
  }

  /**
   * Creates a result for an expectation that did not hold, with metadata.
   *
   * @param label a short name for the expectation
   * @param description why it did not hold
   * @param metadata facts about the check, e.g. the number of bad rows
   * @return the result
   */
  public static ExpectationResult failed(String label, String description, Metadata metadata) {
    return new ExpectationResult(false, label, description, metadata);
  }
}
