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

  /** Optimal string alignment distance: Levenshtein plus adjacent transpositions. */
  static int distance(String a, String b) {
    int n = a.length();
    int m = b.length();
    int[][] d = new int[n + 1][m + 1];
    for (int i = 0; i <= n; i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= m; j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= n; i++) {
      for (int j = 1; j <= m; j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int best = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          best = Math.min(best, d[i - 2][j - 2] + 1);
        }
        d[i][j] = best;
      }
    }
    return d[n][m];
  }
}
