package io.pipewright.core.queue;

import io.pipewright.core.internal.Checks;

/**
 * One of Dagster's {@code tag_concurrency_limits}: at most {@link #limit()} runs with a tag may be
 * in progress at once. Three forms, built with the factories:
 *
 * <ul>
 *   <li>{@link #forKey}: runs that have the key, whatever its value, share one limit;
 *   <li>{@link #forValue}: runs whose tag has exactly this value share one limit;
 *   <li>{@link #perUniqueValue}: each value of the key has its own limit ({@code
 *       applyLimitPerUniqueValue: true}).
 * </ul>
 *
 * @param key the tag key; non-blank
 * @param value the tag value for {@link #forValue}; null for the other forms
 * @param perUniqueValue whether each value has its own limit
 * @param limit how many runs may be in progress; zero or more (zero holds every matching run)
 */
public record TagConcurrencyLimit(String key, String value, boolean perUniqueValue, int limit) {

  /** Validates the components. */
  public TagConcurrencyLimit {
    Checks.requireNonBlank(key, "TagConcurrencyLimit", "key");
    Checks.nonNegative(limit, "TagConcurrencyLimit '" + key + "'", "limit");
    if (perUniqueValue && value != null) {
      throw new IllegalArgumentException(
          "TagConcurrencyLimit '"
              + key
              + "' has both a value ('"
              + value
              + "') and applyLimitPerUniqueValue; use one: a value limits that value, per unique"
              + " value limits each value");
    }
  }

  /**
   * Limits runs that have a tag key, whatever its value, together.
   *
   * @param key the tag key
   * @param limit how many may run at once
   * @return the limit
   */
  public static TagConcurrencyLimit forKey(String key, int limit) {
    return new TagConcurrencyLimit(key, null, false, limit);
  }

  /**
   * Limits runs whose tag has one value.
   *
   * @param key the tag key
   * @param value the tag value
   * @param limit how many may run at once
   * @return the limit
   */
  public static TagConcurrencyLimit forValue(String key, String value, int limit) {
    return new TagConcurrencyLimit(
        key, Checks.require(value, "TagConcurrencyLimit", key, "value"), false, limit);
  }

  /**
   * Limits runs per value of a tag key: each value has its own limit.
   *
   * @param key the tag key
   * @param limit how many runs with the same value may run at once
   * @return the limit
   */
  public static TagConcurrencyLimit perUniqueValue(String key, int limit) {
    return new TagConcurrencyLimit(key, null, true, limit);
  }

  /**
   * Renders the limit as configured, such as {@code team=ml: 2} or {@code tenant (per value): 1}.
   */
  @Override
  public String toString() {
    String what = perUniqueValue ? key + " (per value)" : value == null ? key : key + "=" + value;
    return what + ": " + limit;
  }
}
