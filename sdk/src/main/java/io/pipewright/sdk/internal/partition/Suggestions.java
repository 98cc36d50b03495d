package io.pipewright.sdk.internal.partition;

/**
 * Finds the key a mistyped one was probably meant to be. Used only on error paths, so it may scan
 * every key, but it gives up early on candidates that cannot beat the best so far.
 */
public final class Suggestions {

  private Suggestions() {}

  /**
   * Returns the candidate closest to {@code key}, or null when none is close: few edits
   * (insertions, deletions, substitutions, swaps of neighbours) for the key's length, or the same
   * key in another letter case. Ties go to the earliest candidate.
   *
   * @param key the mistyped key
   * @param candidates the valid keys
   * @return the suggestion, or null
   */
  public static String closest(String key, Iterable<String> candidates) {
    int limit = key.length() <= 3 ? 1 : key.length() <= 8 ? 2 : 3;
    String best = null;
    int bestDistance = limit + 1;
    for (String candidate : candidates) {
      if (candidate.equalsIgnoreCase(key)) {
        return candidate;
      }
      if (Math.abs(candidate.length() - key.length()) >= bestDistance) {
        continue;
      }
      int distance = distance(key, candidate, bestDistance - 1);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best;
  }

  /**
   * Optimal string alignment distance, or {@code max + 1} as soon as it must exceed {@code max}.
   */
  static int distance(String a, String b, int max) {
    int[] previous2 = new int[b.length() + 1];
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      int rowMin = current[0];
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int value = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          value = Math.min(value, previous2[j - 2] + 1);
        }
        current[j] = value;
        rowMin = Math.min(rowMin, value);
      }
      if (rowMin > max) {
        return max + 1;
      }
      int[] recycled = previous2;
      previous2 = previous;
      previous = current;
      current = recycled;
    }
    return previous[b.length()];
  }
}
