package io.pipewright.sdk.internal.schedule;

import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.internal.config.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cursor of a multi-asset sensor: a JSON object from each asset key (its user string, {@code
 * warehouse/orders}) to the event id of the last materialization consumed, e.g. {@code
 * {"raw/events":17,"warehouse/orders":42}}. Keys are written sorted, so equal states give equal
 * cursors.
 */
public final class MultiAssetCursor {
  private MultiAssetCursor() {}

  /**
   * Reads a cursor.
   *
   * @param cursor the cursor, or null for none
   * @return the consumed event id of each asset, modifiable
   * @throws IllegalArgumentException if the cursor is not such an object
   */
  public static Map<AssetKey, Long> parse(String cursor) {
    Map<AssetKey, Long> consumed = new LinkedHashMap<>();
    if (cursor == null || cursor.isBlank()) {
      return consumed;
    }
    Object tree;
    try {
      tree = Json.parse(cursor);
    } catch (IllegalArgumentException e) {
      throw invalid(cursor, e.getMessage());
    }
    if (!(tree instanceof Map<?, ?> map)) {
      throw invalid(cursor, "it is not a JSON object");
    }
    for (Map.Entry<?, ?> e : map.entrySet()) {
      AssetKey key;
      try {
        key = AssetKey.fromUserString(String.valueOf(e.getKey()));
      } catch (IllegalArgumentException bad) {
        throw invalid(cursor, bad.getMessage());
      }
      if (!(e.getValue() instanceof Number n)
          || n instanceof Double
          || n instanceof Float
          || n.longValue() < -1) {
        throw invalid(
            cursor, "the value of '" + e.getKey() + "' is " + e.getValue() + ", not an event id");
      }
      consumed.put(key, n.longValue());
    }
    return consumed;
  }

  /**
   * Writes a cursor.
   *
   * @param consumed the consumed event id of each asset
   * @return the JSON object, keys sorted
   */
  public static String write(Map<AssetKey, Long> consumed) {
    Map<String, Long> sorted = new TreeMap<>();
    consumed.forEach((key, id) -> sorted.put(key.toUserString(), id));
    return Json.write(sorted);
  }

  private static IllegalArgumentException invalid(String cursor, String why) {
    return new IllegalArgumentException(
        "The cursor of a multi-asset sensor must be a JSON object from asset key to the id of the"
            + " last consumed event, e.g. {\"warehouse/orders\": 42}; got '"
            + cursor
            + "': "
            + why
            + ". Reset the sensor's cursor to fix it");
  }
}
