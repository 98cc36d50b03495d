package io.pipewright.sdk.schedule;

import io.pipewright.sdk.internal.schedule.ContextResources;
import io.pipewright.sdk.partition.DynamicPartitionsStore;
import io.pipewright.sdk.partition.InMemoryDynamicPartitionsStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a sensor's evaluation function knows about its tick (Dagster's {@code
 * SensorEvaluationContext}): its cursor, when it last ticked, the run key it last requested, the
 * current time and its resources.
 *
 * <p>The cursor is the sensor's memory between ticks: a string the sensor returns with {@link
 * SensorResult#withCursor(String)} and gets back on the next tick (empty on the first). Keep it
 * small (an id, a timestamp, a short JSON object).
 *
 * <p>Build one in unit tests of an evaluation function:
 *
 * <pre>{@code
 * SensorContext ctx = SensorContext.builder().cursor("41").clock(testClock).build();
 * SensorResult result = myFunction.evaluate(ctx);
 * }</pre>
 */
public final class SensorContext {
  private final String sensorName;
  private final String cursor;
  private final Instant lastTickTime;
  private final String lastRunKey;
  private final Clock clock;
  private final Map<String, Object> resources;
  private final DynamicPartitionsStore dynamicPartitions;

  private SensorContext(Builder b) {
    this.sensorName = b.sensorName;
    this.cursor = b.cursor;
    this.lastTickTime = b.lastTickTime;
    this.lastRunKey = b.lastRunKey;
    this.clock = b.clock;
    this.resources = ContextResources.copy(b.resources);
    this.dynamicPartitions = b.dynamicPartitions;
  }

  /**
   * Starts a context.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the name of the sensor being evaluated.
   *
   * @return the name; {@code test_sensor} in a context built without one
   */
  public String sensorName() {
    return sensorName;
  }

  /**
   * Returns the cursor the sensor stored on an earlier tick.
   *
   * @return the cursor; empty on the first tick or after a reset
   */
  public Optional<String> cursor() {
    return Optional.ofNullable(cursor);
  }

  /**
   * Returns when the sensor's previous tick started.
   *
   * @return the time; empty on the first tick
   */
  public Optional<Instant> lastTickTime() {
    return Optional.ofNullable(lastTickTime);
  }

  /**
   * Returns the last run key the sensor requested (Dagster's {@code last_run_key}).
   *
   * @return the run key; empty when it never requested a run with a key
   */
  public Optional<String> lastRunKey() {
    return Optional.ofNullable(lastRunKey);
  }

  /**
   * Returns the current time, from the clock the daemon (or a test) gave.
   *
   * @return now
   */
  public Instant now() {
    return clock.instant();
  }

  /**
   * Returns the clock behind {@link #now()}.
   *
   * @return the clock
   */
  public Clock clock() {
    return clock;
  }

  /**
   * Returns the resources available to the evaluation function.
   *
   * @return an unmodifiable map from resource key to resource
   */
  public Map<String, Object> resources() {
    return resources;
  }

  /**
   * Returns a resource.
   *
   * @param key the resource key
   * @param type the resource's type
   * @param <T> the resource's type
   * @return the resource
   * @throws java.util.NoSuchElementException if there is no such resource; the message lists the
   *     keys
   * @throws IllegalStateException if the resource is not of that type
   */
  public <T> T resource(String key, Class<T> type) {
    return ContextResources.get(resources, key, type, "sensor '" + sensorName + "'");
  }

  /**
   * Returns where the keys of dynamic partitions are kept, to check which exist. Add keys by
   * returning {@link DynamicPartitionsRequest}s, not by writing here: the daemon applies them.
   *
   * @return the store
   */
  public DynamicPartitionsStore dynamicPartitions() {
    return dynamicPartitions;
  }

  /**
   * Returns a builder holding this context's values, e.g. to change the cursor.
   *
   * @return a builder
   */
  public Builder toBuilder() {
    return new Builder()
        .sensorName(sensorName)
        .cursor(cursor)
        .lastTickTime(lastTickTime)
        .lastRunKey(lastRunKey)
        .clock(clock)
        .resources(resources)
        .dynamicPartitions(dynamicPartitions);
  }

  @Override
  public String toString() {
    return "SensorContext[" + sensorName + ", cursor " + cursor + "]";
  }

  /** Builds a {@link SensorContext}. */
  public static final class Builder {
    private String sensorName = "test_sensor";
    private String cursor;
    private Instant lastTickTime;
    private String lastRunKey;
    private Clock clock = Clock.systemUTC();
    private Map<String, ?> resources = Map.of();
    private DynamicPartitionsStore dynamicPartitions = new InMemoryDynamicPartitionsStore();

    private Builder() {}

    /**
     * Sets the sensor's name.
     *
     * @param name the name
     * @return this builder
     */
    public Builder sensorName(String name) {
      this.sensorName = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * Sets the cursor.
     *
     * @param value the cursor, or null for none
     * @return this builder
     */
    public Builder cursor(String value) {
      this.cursor = value;
      return this;
    }

    /**
     * Sets when the previous tick started.
     *
     * @param time the time, or null on the first tick
     * @return this builder
     */
    public Builder lastTickTime(Instant time) {
      this.lastTickTime = time;
      return this;
    }

    /**
     * Sets the last run key requested.
     *
     * @param runKey the run key, or null
     * @return this builder
     */
    public Builder lastRunKey(String runKey) {
      this.lastRunKey = runKey;
      return this;
    }

    /**
     * Sets the clock behind {@link SensorContext#now()} (default: the system clock in UTC).
     *
     * @param value the clock
     * @return this builder
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * Sets the resources.
     *
     * @param values the resources by key
     * @return this builder
     */
    public Builder resources(Map<String, ?> values) {
      this.resources = Objects.requireNonNull(values, "values");
      return this;
    }

    /**
     * Sets where the keys of dynamic partitions are kept (default: an empty in-memory store).
     *
     * @param store the store
     * @return this builder
     */
    public Builder dynamicPartitions(DynamicPartitionsStore store) {
      this.dynamicPartitions = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * Builds the context.
     *
     * @return the context
     * @throws NullPointerException if a resource key or value is null
     */
    public SensorContext build() {
      return new SensorContext(this);
    }
  }
}
