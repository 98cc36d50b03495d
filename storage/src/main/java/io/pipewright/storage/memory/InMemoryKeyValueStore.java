package io.pipewright.storage.memory;

import io.pipewright.core.instance.KeyValueStore;
import io.smallrye.mutiny.Uni;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** A {@link KeyValueStore} in memory. */
public final class InMemoryKeyValueStore implements KeyValueStore {

  private final Guard guard = new Guard();
  private final Map<String, String> values = new HashMap<>();

  /** Creates an empty store. */
  public InMemoryKeyValueStore() {}

  @Override
  public Uni<Map<String, String>> get(Set<String> keys) {
    return guard.call(
        () -> {
          Map<String, String> out = new TreeMap<>();
          for (String key : keys) {
            String value = values.get(key);
            if (value != null) {
              out.put(key, value);
            }
          }
          return Map.copyOf(out);
        });
  }

  @Override
  public Uni<Void> put(Map<String, String> entries) {
    return guard.run(
        () -> {
          io.pipewright.storage.internal.KeyValues.check(entries);
          values.putAll(entries);
        });
  }

  @Override
  public Uni<Long> delete(Set<String> keys) {
    return guard.call(
        () -> {
          long deleted = 0;
          for (String key : keys) {
            if (values.remove(key) != null) {
              deleted++;
            }
          }
          return deleted;
        });
  }
}
