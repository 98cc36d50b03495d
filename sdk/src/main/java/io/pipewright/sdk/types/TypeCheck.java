package io.pipewright.sdk.types;

import io.pipewright.sdk.metadata.Metadata;

/**
 * The outcome of checking a value against a {@link DataType}; also the payload that step input and
 * output events carry. Create instances with {@link #success()} and {@link #failure(String)}.
 *
 * <p>The boolean component is named {@code passed} rather than Dagster's {@code success} because a
 * record accessor {@code success()} would clash with the factory {@link #success()}.
 *
 * @param passed whether the value is of the type
 * @param description why the check failed (required when it failed) or a note; may be null when it
 *     passed
 * @param metadata facts about the check, e.g. the number of rows inspected; null becomes empty
 */
public record TypeCheck(boolean passed, String description, Metadata metadata) {

  private static final TypeCheck SUCCESS = new TypeCheck(true, null, Metadata.empty());

  /**
   * Validates the outcome.
   *
   * @param passed whether the value is of the type
   * @param description why the check failed (required when it failed) or a note; may be null when
   *     it passed
   * @param metadata facts about the check, e.g. the number of rows inspected; null becomes empty
   * @throws IllegalArgumentException if a failed check has no description
   */
  public TypeCheck {
    if (!passed && (description == null || description.isBlank())) {
      throw new IllegalArgumentException(
          "A failed type check needs a description saying what was expected and what was found");
    }
    if (metadata == null) {
      metadata = Metadata.empty();
    }
  }

  /**
   * Returns a passed check without description or metadata, a shared instance.
   *
   * @return the passed check
   */
  public static TypeCheck success() {
    return SUCCESS;
  }

  /**
   * Returns a passed check carrying metadata.
   *
   * @param metadata facts about the check
   * @return the passed check
   */
  public static TypeCheck success(Metadata metadata) {
    return metadata == null || metadata.isEmpty() ? SUCCESS : new TypeCheck(true, null, metadata);
  }

  /**
   * Returns a failed check.
   *
   * @param description what was expected and what was found, e.g. {@code Expected Int, got
   *     java.lang.String ("ten")}
   * @return the failed check
   * @throws IllegalArgumentException if the description is null or blank
   */
  public static TypeCheck failure(String description) {
    return new TypeCheck(false, description, Metadata.empty());
  }

  /**
   * Returns a failed check carrying metadata.
   *
   * @param description what was expected and what was found
   * @param metadata facts about the check
   * @return the failed check
   * @throws IllegalArgumentException if the description is null or blank
   */
  public static TypeCheck failure(String description, Metadata metadata) {
    return new TypeCheck(false, description, metadata);
  }

  /**
   * Tells whether the check failed; the opposite of {@link #passed()}.
   *
   * @return true when the value is not of the type
   */
  public boolean failed() {
    return !passed;
  }
}
