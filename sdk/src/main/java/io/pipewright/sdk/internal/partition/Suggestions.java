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
    for (String candidate : candidates) {
      if (candidate.equalsIgnoreCase(key)) {
        return candidate;
      }
    }
    int limit = key.length() <= 3 ? 1 : key.length() <= 8 ? 2 : 3;
    return io.pipewright.sdk.internal.text.Suggestions.closest(key, candidates, limit);
  }

  static int distance(String a, String b, int max) {
    return io.pipewright.sdk.internal.text.Suggestions.distance(a, b, max);
  }
}
