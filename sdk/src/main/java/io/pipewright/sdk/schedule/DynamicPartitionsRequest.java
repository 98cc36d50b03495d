package io.pipewright.sdk.schedule;

import io.pipewright.sdk.internal.partition.KeyRules;
import java.util.List;
import java.util.Objects;

/**
 * A request, made by a sensor tick, to add keys to or delete keys from a {@link
 * io.pipewright.sdk.partition.DynamicPartitionsDefinition} (Dagster's {@code
 * AddDynamicPartitionsRequest} and {@code DeleteDynamicPartitionsRequest}). The daemon applies the
 * requests of a tick before it launches the tick's runs, so a run may target a key added by the
 * same tick.
 *
 * <pre>{@code
 * SensorResult.runs(RunRequest.forPartition("customer_42"))
 *     .withDynamicPartitions(DynamicPartitionsRequest.add("customers", List.of("customer_42")));
 * }</pre>
 *
 * @param action whether the keys are added or deleted
 * @param definitionName the name of the dynamic partitions definition
 * @param keys the keys, in order; unmodifiable
 */
public record DynamicPartitionsRequest(Action action, String definitionName, List<String> keys) {

  /** What a request does with its keys. */
  public enum Action {
    /** Adds the keys; keys that exist already keep their place. */
    ADD,
    /** Deletes the keys; keys that do not exist are ignored. */
    DELETE
  }

  /**
   * Validates and copies the components.
   *
   * @param action whether the keys are added or deleted
   * @param definitionName the name of the dynamic partitions definition
   * @param keys the keys, in order; unmodifiable
   * @throws IllegalArgumentException if the definition name is blank, or (for an add) a key is
   *     null, blank, or contains {@code |} or {@code ,}
   * @throws NullPointerException if the action, name or key list is null
   */
  public DynamicPartitionsRequest {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(definitionName, "definitionName");
    Objects.requireNonNull(keys, "keys");
    if (definitionName.isBlank()) {
      throw new IllegalArgumentException(
          "A dynamic partitions request needs the name of the dynamic partitions definition, got"
              + " a blank name");
    }
    if (action == Action.ADD) {
      KeyRules.check(keys, "dynamic partitions '" + definitionName + "'", false);
    } else {
      for (String key : keys) {
        if (key == null) {
          throw new IllegalArgumentException(
              "The keys to delete from dynamic partitions '" + definitionName + "' contain null");
        }
      }
    }
    keys = List.copyOf(keys);
  }

  /**
   * Returns a request to add keys.
   *
   * @param definitionName the name of the dynamic partitions definition
   * @param keys the keys to add, in order
   * @return the request
   * @throws IllegalArgumentException if a key breaks the key rules
   */
  public static DynamicPartitionsRequest add(String definitionName, List<String> keys) {
    return new DynamicPartitionsRequest(Action.ADD, definitionName, keys);
  }

  /**
   * Returns a request to delete keys.
   *
   * @param definitionName the name of the dynamic partitions definition
   * @param keys the keys to delete
   * @return the request
   */
  public static DynamicPartitionsRequest delete(String definitionName, List<String> keys) {
    return new DynamicPartitionsRequest(Action.DELETE, definitionName, keys);
  }
}
