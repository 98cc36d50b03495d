package io.pipewright.core.queue;

import java.util.Map;

/** Reads a run's priority from its tags, as Dagster does. */
public final class RunPriority {

  /**
   * The run tag that holds a run's priority, an integer: higher runs first; default 0. The same tag
   * on an op orders that op's steps within a run and in concurrency pools.
   */
  public static final String TAG = "dagster/priority";

  private RunPriority() {}

  /**
   * Returns the priority in a set of tags.
   *
   * @param tags a run's (or op's) tags
   * @return the tag's integer value; 0 when the tag is missing or not an integer (Dagster's rule;
   *     the webserver rejects a bad value at launch, so that a typo does not silently run last)
   */
  public static int of(Map<String, String> tags) {
    String value = tags.get(TAG);
    if (value == null) {
      return 0;
    }
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
