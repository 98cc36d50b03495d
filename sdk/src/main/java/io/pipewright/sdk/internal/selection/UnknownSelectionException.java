package io.pipewright.sdk.internal.selection;

import java.util.List;

/**
 * Thrown when op selection clauses name ops that the graph does not have.
 *
 * <p>The message lists every unknown name at once, each with the closest known name when one is
 * similar, or a sample of valid names otherwise.
 */
public final class UnknownSelectionException extends IllegalArgumentException {

  private final List<String> unknownNames;

  /**
   * Creates the exception.
   *
   * @param message the complete, user-facing description
   * @param unknownNames the unknown names, in the order they first appear in the clauses
   */
  public UnknownSelectionException(String message, List<String> unknownNames) {
    super(message);
    this.unknownNames = List.copyOf(unknownNames);
  }

  /**
   * Returns the op names the selection mentions that the graph does not have.
   *
   * @return the unknown names, without duplicates, in the order they first appear in the clauses
   */
  public List<String> unknownNames() {
    return unknownNames;
  }
}
