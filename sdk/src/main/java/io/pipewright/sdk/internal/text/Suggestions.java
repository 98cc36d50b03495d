package io.pipewright.sdk.internal.text;

/**
 * Finds the known name a mistyped one was probably meant to be ("did you mean ...?"), for every
 * error message that names an unknown op, asset, partition key or config field. Used only on error
 * paths; the callers keep their own extra rules (nested op names, letter case).
 */
public final class Suggestions {

  private Suggestions() {}

  /**
   * Returns the candidate closest to {@code name}, or null when none is close.
   *
   * <p>Close means few edits (insertions, deletions, substitutions, swaps of neighbours) for the
   * name's length; ties go to the earliest candidate.
   */
  public static String closest(String name, Iterable<String> candidates) {
    return closest(name, candidates, maxEdits(name));
  }

  /**
   * Returns the candidate closest to {@code name} within {@code limit} edits, or null when none is;
   * ties go to the earliest candidate.
   */
  public static String closest(String name, Iterable<String> candidates, int limit) {
    String best = null;
    int bestDistance = limit + 1;
    for (String candidate : candidates) {
      if (Math.abs(candidate.length() - name.length()) >= bestDistance) {
        continue;
      }
      int distance = distance(name, candidate, bestDistance - 1);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best;
  }

  /**
   * How many edits still count as a typo of a name of this length.
   *
   * @param name the mistyped name
   * @return 1 up to 4 characters, 2 up to 8, else 3
   */
  public static int maxEdits(String name) {
    if (name.length() <= 4) {
      return 1;
    }
    return name.length() <= 8 ? 2 : 3;
  }

  /**
   * Optimal string alignment distance (Levenshtein plus adjacent swaps), giving up early with
   * {@code limit + 1} once every alignment already costs more than {@code limit}.
   */
  public static int distance(String a, String b, int limit) {
    int n = a.length();
    int m = b.length();
    int[] before = new int[m + 1];
    int[] previous = new int[m + 1];
    int[] current = new int[m + 1];
    for (int j = 0; j <= m; j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= n; i++) {
      current[0] = i;
      int rowMin = current[0];
      for (int j = 1; j <= m; j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int value = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          value = Math.min(value, before[j - 2] + 1);
        }
        current[j] = value;
        rowMin = Math.min(rowMin, value);
      }
      if (rowMin > limit) {
        return limit + 1;
      }
      int[] recycled = before;
      before = previous;
      previous = current;
      current = recycled;
    }
    return Math.min(previous[m], limit + 1);
  }
}
