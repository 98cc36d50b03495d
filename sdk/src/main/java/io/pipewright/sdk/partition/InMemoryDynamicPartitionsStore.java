package io.pipewright.sdk.partition;

import io.pipewright.sdk.internal.partition.KeyRules;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link DynamicPartitionsStore} in memory, for tests and in-process runs. Thread-safe: each
 * definition's keys are guarded by their own lock, so definitions do not contend.
 */
public final class InMemoryDynamicPartitionsStore implements DynamicPartitionsStore {

  private final Map<String, LinkedHashSet<String>> keysByName = new ConcurrentHashMap<>();

  /** Creates an empty store. */
  public InMemoryDynamicPartitionsStore() {}

  @Override
  public List<String> keys(String definitionName) {
    LinkedHashSet<String> keys = keysByName.get(checkName(definitionName));
    if (keys == null) {
      return List.of();
    }
    synchronized (keys) {
      return List.copyOf(keys);
    }
  }

  @Override
  public boolean has(String definitionName, String key) {
    LinkedHashSet<String> keys = keysByName.get(checkName(definitionName));
    if (keys == null) {
      return false;
    }
    synchronized (keys) {
      return keys.contains(key);
    }
  }

  @Override
  public void add(String definitionName, Collection<String> keys) {
    KeyRules.check(keys, "dynamic partitions '" + checkName(definitionName) + "'", false);
    LinkedHashSet<String> stored =
        keysByName.computeIfAbsent(definitionName, name -> new LinkedHashSet<>());
    synchronized (stored) {
      stored.addAll(keys);
    }
  }

  @Override
  public void delete(String definitionName, Collection<String> keys) {
    Objects.requireNonNull(keys, "keys");
    LinkedHashSet<String> stored = keysByName.get(checkName(definitionName));
    if (stored == null) {
      return;
    }
    synchronized (stored) {
      stored.removeAll(keys);
    }
  }

  private static String checkName(String definitionName) {
    if (definitionName == null || definitionName.isBlank()) {
      throw new IllegalArgumentException(
          "A dynamic partitions definition name must not be "
              + (definitionName == null ? "null" : "blank"));
    }
    return definitionName;
  }
}
