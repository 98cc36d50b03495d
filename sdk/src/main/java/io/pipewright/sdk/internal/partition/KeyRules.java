package io.pipewright.sdk.internal.partition;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules every static and dynamic partition key follows: non-blank, and free of {@code |} (which
 * joins the dimensions of a multi-partition key) and {@code ,} (which separates keys in lists such
 * as a backfill's {@code --partitions a,b}).
 */
public final class KeyRules {

  private KeyRules() {}

  /**
   * Checks keys and reports every bad one at once.
   *
   * @param keys the keys
   * @param what what the keys are for, e.g. {@code static partitions}
   * @param requireUnique whether a repeated key is an error (a definition) or not (an add)
   * @throws IllegalArgumentException listing every null, blank, repeated key and every key with
   *     {@code |} or {@code ,}
   */
  public static void check(Collection<String> keys, String what, boolean requireUnique) {
    if (keys == null) {
      throw new IllegalArgumentException("The keys of " + what + " must not be null");
    }
    List<String> problems = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    int index = 0;
    for (String key : keys) {
      String problem = problem(key);
      if (problem != null) {
        problems.add("key " + index + (key == null ? "" : " '" + key + "'") + " " + problem);
      } else if (!seen.add(key) && requireUnique) {
        problems.add("key " + index + " '" + key + "' is repeated");
      }
      index++;
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "Invalid partition keys for "
              + what
              + ": "
              + String.join("; ", problems)
              + ". Keys must be unique, non-blank and contain neither '|' (it joins the parts of"
              + " a multi-partition key) nor ',' (it separates keys in lists)");
    }
  }

  /** Returns what is wrong with one key, or null. */
  public static String problem(String key) {
    if (key == null) {
      return "is null";
    }
    if (key.isBlank()) {
      return "is blank";
    }
    if (key.indexOf('|') >= 0) {
      return "contains '|'";
    }
    if (key.indexOf(',') >= 0) {
      return "contains ','";
    }
    return null;
  }
}
