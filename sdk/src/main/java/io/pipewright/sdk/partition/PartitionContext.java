package io.pipewright.sdk.partition;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * What the set of partitions depends on besides its definition: the current time (time-window
 * partitions grow as windows end) and the store of dynamic partition keys. Definitions never read
 * the system clock themselves, so tests can pin both.
 *
 * @param now the instant at which partitions are listed
 * @param dynamicPartitions where dynamic partitions definitions find their keys
 */
public record PartitionContext(Instant now, DynamicPartitionsStore dynamicPartitions) {

  /**
   * Validates the context.
   *
   * @param now the instant at which partitions are listed
   * @param dynamicPartitions where dynamic partitions definitions find their keys
   * @throws NullPointerException if an argument is null
   */
  public PartitionContext {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(dynamicPartitions, "dynamicPartitions");
  }

  /**
   * Returns a context at a fixed instant with an empty in-memory dynamic partitions store.
   *
   * @param now the instant at which partitions are listed
   * @return the context
   */
  public static PartitionContext at(Instant now) {
    return new PartitionContext(now, new InMemoryDynamicPartitionsStore());
  }

  /**
   * Returns a context at the current instant of a clock.
   *
   * @param clock the clock, read once
   * @param store the dynamic partitions store
   * @return the context
   */
  public static PartitionContext of(Clock clock, DynamicPartitionsStore store) {
    Objects.requireNonNull(clock, "clock");
    return new PartitionContext(clock.instant(), store);
  }
}
