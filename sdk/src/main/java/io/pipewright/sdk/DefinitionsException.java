package io.pipewright.sdk;

import java.util.List;

/**
 * Thrown when definitions are invalid. It carries every problem found, not only the first, so that
 * one fix-and-retry cycle can address them all.
 */
public class DefinitionsException extends RuntimeException {
  private final List<DefinitionError> errors;

  /**
   * Creates the exception.
   *
   * @param errors the problems; at least one
   */
  public DefinitionsException(List<DefinitionError> errors) {
    super(render(errors));
    this.errors = List.copyOf(errors);
  }

  /**
   * Every problem found.
   *
   * @return the problems, in the order they were found
   */
  public List<DefinitionError> errors() {
    return errors;
  }

  private static String render(List<DefinitionError> errors) {
    StringBuilder sb = new StringBuilder("Invalid definitions (");
    sb.append(errors.size()).append(errors.size() == 1 ? " problem):" : " problems):");
    int i = 1;
    for (DefinitionError error : errors) {
      sb.append("\n  ").append(i++).append(". ").append(error.message());
    }
    return sb.toString();
  }
}
