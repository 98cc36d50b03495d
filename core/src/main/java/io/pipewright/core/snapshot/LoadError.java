package io.pipewright.core.snapshot;

import io.pipewright.core.internal.Checks;

/**
 * A problem found when a code location loaded its definitions: which element, what is wrong and how
 * to fix it (the sdk's {@code DefinitionError}). A location with load errors still serves a
 * snapshot, carrying them, so that the UI can show them.
 *
 * @param element the element, as a path such as {@code job 'etl' > node 'clean' > input 'rows'};
 *     non-blank
 * @param problem what is wrong; non-blank
 * @param fix how to fix it; non-blank
 */
public record LoadError(String element, String problem, String fix) {

  /** Validates the components. */
  public LoadError {
    Checks.requireNonBlank(element, "LoadError", "element");
    Checks.requireNonBlank(problem, "LoadError", "problem");
    Checks.requireNonBlank(fix, "LoadError", "fix");
  }

  /**
   * Returns the problem as one sentence: {@code element: problem. Fix: fix}.
   *
   * @return the message
   */
  public String message() {
    return element + ": " + problem + ". Fix: " + fix;
  }
}
