package io.pipewright.sdk.internal.config;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Suggests the field a user probably meant when they wrote an unexpected one. */
final class FieldSuggestions {

  private FieldSuggestions() {}

  /**
   * Returns "did you mean 'x'?" for the closest declared field not already given, or lists the
   * declared fields when none is close.
   */
  static String hint(String unexpected, Set<String> declared, Map<?, ?> given) {
    if (declared.isEmpty()) {
      return "this config takes no fields";
    }
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    String lower = unexpected.toLowerCase(Locale.ROOT);
    for (String candidate : declared) {
      if (given.containsKey(candidate)) {
        continue;
      }
      int distance = distance(lower, candidate.toLowerCase(Locale.ROOT));
      if (distance < bestDistance && isClose(distance, candidate)) {
        best = candidate;
        bestDistance = distance;
      }
    }
    if (best != null) {
      return "did you mean '" + best + "'?";
    }
    return "valid fields are " + String.join(", ", declared);
  }

  private static boolean isClose(int distance, String candidate) {
    // One edit per three characters: "limt" -> "limit", "tabels" -> "tables", but not "x" -> "id".
    return distance <= Math.max(1, candidate.length() / 3) && distance < candidate.length();
  }

  static int distance(String a, String b) {
    return io.pipewright.sdk.internal.text.Suggestions.distance(
        a, b, Math.max(a.length(), b.length()));
  }
}
