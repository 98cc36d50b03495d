package io.pipewright.sdk.partition;

import java.util.Collection;
import java.util.List;

/**
 * The keys of {@link DynamicPartitionsDefinition}s, added and removed at run time (by sensors, by
 * ops, by people). This is a port: {@link InMemoryDynamicPartitionsStore} implements it for tests
 * and in-process runs, and the Postgres store of the control plane implements it later.
 *
 * <p>Contract for implementations: keys of one definition keep the order in which they were first
 * added; adding a key that exists is a no-op (it keeps its place); deleting a key that does not
 * exist is a no-op; a key that breaks the key rules (blank, or containing {@code |} or {@code ,})
 * is rejected with an {@link IllegalArgumentException} before anything is stored; every method is
 * safe to call from several threads.
 */
public interface DynamicPartitionsStore {

  /**
   * Returns the keys of a definition.
   *
   * @param definitionName the name of the dynamic partitions definition
   * @return the keys in the order they were added; empty if the name is unknown
   */
  List<String> keys(String definitionName);

  /**
   * Returns whether a definition has a key.
   *
   * @param definitionName the name of the dynamic partitions definition
   * @param key the key
   * @return whether the key has been added and not deleted
   */
  boolean has(String definitionName, String key);

  /**
   * Adds keys to a definition; keys that exist already are left where they are.
   *
   * @param definitionName the name of the dynamic partitions definition
   * @param keys the keys to add, in order
   * @throws IllegalArgumentException if a key is null, blank or contains {@code |} or {@code ,}
   *     (then nothing is added)
   */
  void add(String definitionName, Collection<String> keys);

  /**
   * Deletes keys from a definition; keys that do not exist are ignored.
   *
   * @param definitionName the name of the dynamic partitions definition
   * @param keys the keys to delete
   */
  void delete(String definitionName, Collection<String> keys);
}
