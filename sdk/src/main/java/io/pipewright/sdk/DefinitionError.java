package io.pipewright.sdk;

import java.util.Objects;

/**
 * One problem found in user definitions: which element, what is wrong, and how to fix it.
 *
 * @param element the element, as a path ({@code job 'etl' > node 'clean' > input 'rows'})
 * @param problem what is wrong
 * @param fix how to fix it
 */
public record DefinitionError(String element, String problem, String fix) {

  /** Validates the components. */
  public DefinitionError {
    Objects.requireNonNull(element, "element");
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(fix, "fix");
  }

  /**
   * The problem as one sentence: {@code element: problem. Fix: fix}.
   *
   * @return the message
   */
  public String message() {
    return element + ": " + problem + ". Fix: " + fix;
  }

  @Override
  public String toString() {
    return message();
  }
}
