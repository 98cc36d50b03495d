package io.pipewright.core.snapshot;

import io.pipewright.core.internal.Checks;
import java.util.List;

/**
 * A sensor's request to add keys to, or delete keys from, a dynamic partitions definition. The
 * daemon applies it before it launches the tick's runs.
 *
 * @param partitionsName the dynamic partitions definition's name; non-blank
 * @param action add or delete; not null
 * @param keys the keys; at least one, unique
 */
public record DynamicPartitionsRequestSnapshot(
    String partitionsName, Action action, List<String> keys) {

  /** What to do with the keys. */
  public enum Action {
    /** Add the keys that are not there yet. */
    ADD,
    /** Delete the keys that are there. */
    DELETE
  }

  /** Validates and copies the components. */
  public DynamicPartitionsRequestSnapshot {
    Checks.requireNonBlank(partitionsName, "DynamicPartitionsRequestSnapshot", "partitionsName");
    String record = "DynamicPartitionsRequestSnapshot '" + partitionsName + "'";
    Checks.require(action, record, "action");
    keys = Checks.distinctList(keys, record, "keys");
    if (keys.isEmpty()) {
      throw new IllegalArgumentException(record + " needs at least one key");
    }
  }
}
