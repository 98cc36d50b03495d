package io.pipewright.sdk.partition;

import java.util.List;
import java.util.Objects;

/**
 * A named set of partition keys added and removed at run time (Dagster's {@code
 * DynamicPartitionsDefinition}), for things discovered as they come: files, customers, model
 * versions. The keys live in the {@link DynamicPartitionsStore} of the {@link PartitionContext},
 * under the definition's name, in the order they were added.
 */
public final class DynamicPartitionsDefinition implements PartitionsDefinition {

  private final String name;

  private DynamicPartitionsDefinition(String name) {
    this.name = name;
  }

  /**
   * Creates the definition.
   *
   * @param name the name its keys are stored under; definitions with the same name share keys
   * @return the definition
   * @throws IllegalArgumentException if the name is null or blank
   */
  public static DynamicPartitionsDefinition named(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException(
          "A dynamic partitions definition needs a non-blank name, e.g."
              + " DynamicPartitionsDefinition.named(\"customers\")");
    }
    return new DynamicPartitionsDefinition(name);
  }

  /**
   * Returns the name the keys are stored under.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  @Override
  public List<String> keys(PartitionContext ctx) {
    return List.copyOf(store(ctx).keys(name));
  }

  @Override
  public boolean hasKey(String key, PartitionContext ctx) {
    return key != null && store(ctx).has(name, key);
  }

  @Override
  public void checkKey(String key, PartitionContext ctx) {
    if (!hasKey(key, ctx)) {
      throw StaticPartitionsDefinition.unknownKey(
          key,
          describe(),
          keys(ctx),
          " Add keys at run time with DynamicPartitionsStore.add(\"" + name + "\", keys).");
    }
  }

  @Override
  public List<String> keysInRange(PartitionKeyRange range, PartitionContext ctx) {
    Objects.requireNonNull(range, "range");
    List<String> keys = keys(ctx);
    int from = keys.indexOf(range.start());
    int to = keys.indexOf(range.end());
    if (from < 0) {
      checkKey(range.start(), ctx);
    }
    if (to < 0) {
      checkKey(range.end(), ctx);
    }
    if (from < 0 || to < 0) {
      // The store changed between the two reads; report against its current keys.
      throw StaticPartitionsDefinition.unknownKey(
          from < 0 ? range.start() : range.end(), describe(), keys(ctx), "");
    }
    if (from > to) {
      throw StaticPartitionsDefinition.reversed(range, describe());
    }
    return keys.subList(from, to + 1);
  }

  @Override
  public int size(PartitionContext ctx) {
    return store(ctx).keys(name).size();
  }

  @Override
  public String describe() {
    return "dynamic partitions '" + name + "'";
  }

  private static DynamicPartitionsStore store(PartitionContext ctx) {
    Objects.requireNonNull(ctx, "ctx: dynamic partitions need a context holding their store");
    return ctx.dynamicPartitions();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DynamicPartitionsDefinition other && name.equals(other.name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return describe();
  }
}
