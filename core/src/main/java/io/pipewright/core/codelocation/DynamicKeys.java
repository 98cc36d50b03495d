package io.pipewright.core.codelocation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Copies the dynamic partition keys that requests carry. */
final class DynamicKeys {

  private DynamicKeys() {}

  static Map<String, List<String>> copy(Map<String, List<String>> keysByName) {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    if (keysByName != null) {
      keysByName.forEach((name, keys) -> copy.put(name, List.copyOf(keys)));
    }
    return Collections.unmodifiableMap(copy);
  }
}
