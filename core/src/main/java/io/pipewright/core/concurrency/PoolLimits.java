package io.pipewright.core.concurrency;

import io.pipewright.core.internal.Checks;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many slots each concurrency pool has.
 *
 * @param slots the slots per pool key; each zero or more (zero holds every step of the pool)
 * @param defaultSlots the slots of a pool that {@code slots} does not list; null for unlimited
 *     (Dagster's behaviour without {@code default_op_concurrency_limit})
 */
public record PoolLimits(Map<String, Integer> slots, Integer defaultSlots) {

  /** No pool is limited. */
  public static final PoolLimits UNLIMITED = new PoolLimits(Map.of(), null);

  /** Validates and copies the components. */
  public PoolLimits {
    Map<String, Integer> copy = new LinkedHashMap<>();
    if (slots != null) {
      for (Map.Entry<String, Integer> e : slots.entrySet()) {
        Checks.requireNonBlank(e.getKey(), "PoolLimits", "pool key");
        Checks.require(e.getValue(), "PoolLimits", e.getKey(), "slots");
        Checks.nonNegative(e.getValue(), "PoolLimits pool '" + e.getKey() + "'", "slots");
        copy.put(e.getKey(), e.getValue());
      }
    }
    slots = Map.copyOf(copy);
    if (defaultSlots != null) {
      Checks.nonNegative(defaultSlots, "PoolLimits", "defaultSlots");
    }
  }

  /**
   * Returns limits for the given pools; other pools are unlimited.
   *
   * @param slots the slots per pool key
   * @return the limits
   */
  public static PoolLimits of(Map<String, Integer> slots) {
    return new PoolLimits(slots, null);
  }

  /**
   * Returns the slots of a pool.
   *
   * @param pool the pool key
   * @return its slots, or {@link Integer#MAX_VALUE} when it is unlimited
   */
  public int slotsOf(String pool) {
    Integer value = slots.get(pool);
    if (value == null) {
      value = defaultSlots;
    }
    return value == null ? Integer.MAX_VALUE : value;
  }
}
