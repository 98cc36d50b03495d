package io.pipewright.storage.memory;

import io.pipewright.core.partition.DynamicPartitionStore;
import io.pipewright.storage.internal.Keys;
import io.smallrye.mutiny.Uni;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** A {@link DynamicPartitionStore} in memory. */
public final class InMemoryDynamicPartitionStore implements DynamicPartitionStore {

  private final Guard guard = new Guard();
  private final Map<String, LinkedHashSet<String>> keys = new HashMap<>();

  /** Creates an empty store. */
  public InMemoryDynamicPartitionStore() {}

  @Override
  public Uni<List<String>> keys(String definition) {
    return guard.call(() -> List.copyOf(keys.getOrDefault(definition, new LinkedHashSet<>())));
  }

  @Override
  public Uni<Boolean> has(String definition, String key) {
    return guard.call(() -> keys.getOrDefault(definition, new LinkedHashSet<>()).contains(key));
  }

  @Override
  public Uni<Integer> add(String definition, List<String> newKeys) {
    return guard.call(
        () -> {
          Keys.checkPartitionKeys(definition, newKeys);
          LinkedHashSet<String> stored =
              keys.computeIfAbsent(definition, d -> new LinkedHashSet<>());
          int added = 0;
          for (String key : newKeys) {
            if (stored.add(key)) {
              added++;
            }
          }
          return added;
        });
  }

  @Override
  public Uni<Integer> delete(String definition, List<String> doomed) {
    return guard.call(
        () -> {
          LinkedHashSet<String> stored = keys.get(definition);
          if (stored == null) {
            return 0;
          }
          int deleted = 0;
          for (String key : doomed) {
            if (stored.remove(key)) {
              deleted++;
            }
          }
          return deleted;
        });
  }
}
