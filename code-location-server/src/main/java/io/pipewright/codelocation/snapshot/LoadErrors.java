package io.pipewright.codelocation.snapshot;

import io.pipewright.core.snapshot.LoadError;
import io.pipewright.sdk.DefinitionError;
import io.pipewright.sdk.DefinitionsException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns what went wrong while loading a location's definitions into {@link LoadError}s, which the
 * snapshot carries so that the UI can show them.
 */
public final class LoadErrors {

  private LoadErrors() {}

  /**
   * Describes a failure to load definitions. A {@link DefinitionsException}, even wrapped (CDI
   * wraps what a producer throws), gives one load error per problem it lists; any other exception
   * gives one load error naming it.
   *
   * @param failure what the user's code threw
   * @return the load errors, at least one
   */
  public static List<LoadError> of(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof DefinitionsException invalid && !invalid.errors().isEmpty()) {
        List<LoadError> errors = new ArrayList<>(invalid.errors().size());
        for (DefinitionError error : invalid.errors()) {
          errors.add(
              new LoadError(
                  orElse(error.element(), "definitions"),
                  orElse(error.problem(), "a problem without a description"),
                  orElse(error.fix(), "see the problem")));
        }
        return errors;
      }
    }
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String description =
        root.getClass().getName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    return List.of(
        new LoadError(
            "definitions",
            "building the definitions failed with " + description,
            "fix the code that builds the Definitions; the server's log has the stack trace"));
  }

  /**
   * Returns the load error of a location that provides no definitions, or too many.
   *
   * @param problem what is wrong
   * @param fix how to fix it
   * @return the load error
   */
  public static LoadError missing(String problem, String fix) {
    return new LoadError("definitions", problem, fix);
  }

  private static String orElse(String value, String otherwise) {
    return value == null || value.isBlank() ? otherwise : value;
  }
}
