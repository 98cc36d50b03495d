package io.pipewright.sdk.event;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Payload of {@link EventType#LOG_MESSAGE}: the structured fields of a log line.
 *
 * @param fields the fields in insertion order; values may be null; copied into an unmodifiable map;
 *     null becomes empty
 */
public record LogData(Map<String, Object> fields) implements EventData {

  /**
   * Validates and copies the fields.
   *
   * @param fields the fields in insertion order; values may be null; copied into an unmodifiable
   *     map; null becomes empty
   * @throws IllegalArgumentException if a field name is null
   */
  public LogData {
    if (fields == null || fields.isEmpty()) {
      fields = Map.of();
    } else {
      // Not Map.copyOf: log fields may have null values, and their order is kept. Check the copy:
      // immutable maps such as Map.of() throw on containsKey(null).
      Map<String, Object> copy = new LinkedHashMap<>(fields);
      if (copy.containsKey(null)) {
        throw new IllegalArgumentException("LogData field names must not be null");
      }
      fields = Collections.unmodifiableMap(copy);
    }
  }
}
