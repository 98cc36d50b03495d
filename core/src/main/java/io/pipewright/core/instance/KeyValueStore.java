package io.pipewright.core.instance;

import io.smallrye.mutiny.Uni;
import java.util.Map;
import java.util.Set;

/**
 * The port to a small instance-wide key-value table (Dagster's {@code kvs}): cursors of daemon
 * loops, flags such as a paused automation. Not for bulk data.
 *
 * <p>Every adapter passes the same contract test suite; methods may be called from any thread.
 */
public interface KeyValueStore {

  /**
   * Reads values.
   *
   * @param keys the keys
   * @return the stored values of those keys that have one
   */
  Uni<Map<String, String>> get(Set<String> keys);

  /**
   * Sets values, in one transaction.
   *
   * @param values keys to values; keys non-blank, values not null
   * @return completion
   */
  Uni<Void> put(Map<String, String> values);

  /**
   * Deletes keys.
   *
   * @param keys the keys
   * @return how many existed
   */
  Uni<Long> delete(Set<String> keys);
}
