package io.pipewright.core.partition;

import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * The port to dynamic partitions (Dagster's {@code dynamic_partitions}): per definition name, an
 * ordered set of partition keys.
 *
 * <p>Keys are non-blank and hold no control characters (no line breaks, tabs or NUL); a bad key
 * fails the whole call with an {@link IllegalArgumentException} naming it. Every adapter passes the
 * same contract test suite; methods may be called from any thread.
 */
public interface DynamicPartitionStore {

  /**
   * Lists a definition's keys in the order they were added.
   *
   * @param definition the dynamic partitions definition's name
   * @return the keys; empty for an unknown definition
   */
  Uni<List<String>> keys(String definition);

  /**
   * Tells whether a definition has a key.
   *
   * @param definition the definition's name
   * @param key the partition key
   * @return true when present
   */
  Uni<Boolean> has(String definition, String key);

  /**
   * Adds keys, ignoring those present already ({@code addDynamicPartition}, sensors' requests).
   *
   * @param definition the definition's name; non-blank
   * @param keys the keys, in order
   * @return how many were new
   */
  Uni<Integer> add(String definition, List<String> keys);

  /**
   * Deletes keys ({@code deleteDynamicPartitions}); absent keys are ignored.
   *
   * @param definition the definition's name
   * @param keys the keys
   * @return how many were deleted
   */
  Uni<Integer> delete(String definition, List<String> keys);
}
