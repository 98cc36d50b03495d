package io.pipewright.sdk.internal.partition;

import java.util.List;

/** Renders key lists for error messages and descriptions, capped so that a message stays short. */
public final class KeyLists {

  /** How many keys a message shows before "and N more". */
  public static final int SHOWN = 10;

  private KeyLists() {}

  /**
   * Renders up to {@link #SHOWN} keys, e.g. {@code a, b, c and 7 more}.
   *
   * @param keys the keys
   * @return the rendering; {@code (none)} for no keys
   */
  public static String render(List<String> keys) {
    return render(keys, SHOWN);
  }

  /**
   * Renders up to {@code shown} keys, e.g. {@code a, b, c and 7 more}.
   *
   * @param keys the keys
   * @param shown how many to show
   * @return the rendering; {@code (none)} for no keys
   */
  public static String render(List<String> keys, int shown) {
    if (keys.isEmpty()) {
      return "(none)";
    }
    StringBuilder out = new StringBuilder();
    int count = Math.min(shown, keys.size());
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        out.append(", ");
      }
      out.append(keys.get(i));
    }
    if (keys.size() > count) {
      out.append(" and ").append(keys.size() - count).append(" more");
    }
    return out.toString();
  }
}
