package io.pipewright.sdk.internal.selection;

import io.pipewright.sdk.internal.text.Suggestions;
import java.util.Collection;

/** Finds the known name a mistyped one was probably meant to be. Used only on error paths. */
final class NameSuggestions {

  private NameSuggestions() {}

  /**
   * Returns the candidate closest to {@code name}, or null when none is close.
   *
   * <p>Close means few edits (insertions, deletions, substitutions, swaps of neighbours) for the
   * name's length; ties go to the earliest candidate. Failing that, a nested op whose last segment
   * is {@code name} (the user wrote {@code op} for {@code graph.op}) is suggested.
   */
  static String closest(String name, Collection<String> candidates) {
    String best = Suggestions.closest(name, candidates);
    if (best != null) {
      return best;
    }
    String suffix = "." + name;
    for (String candidate : candidates) {
      if (candidate.endsWith(suffix)) {
        return candidate;
      }
    }
    return null;
  }

  static int distance(String a, String b, int limit) {
    return Suggestions.distance(a, b, limit);
  }
}
