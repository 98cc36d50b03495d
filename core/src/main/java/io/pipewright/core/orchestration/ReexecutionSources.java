package io.pipewright.core.orchestration;

import java.util.List;

/**
 * Where the inputs of a re-execution that it does not produce come from.
 *
 * @param sources the inputs found in an earlier run, in plan order
 * @param missing the inputs no earlier run produced, each as a sentence with the fix
 */
public record ReexecutionSources(List<InputSource> sources, List<String> missing) {

  /** Copies the lists. */
  public ReexecutionSources {
    sources = List.copyOf(sources);
    missing = List.copyOf(missing);
  }

  /**
   * Returns the sources, or fails when an input has none.
   *
   * @return the sources
   * @throws IllegalArgumentException listing every input without a source and how to fix it
   */
  public List<InputSource> requireComplete() {
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "The re-execution cannot load "
              + missing.size()
              + (missing.size() == 1 ? " input" : " inputs")
              + ": "
              + String.join(" ", missing));
    }
    return sources;
  }
}
