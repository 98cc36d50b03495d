package io.pipewright.sdk.schedule;

import io.pipewright.sdk.internal.schedule.ContextResources;
import io.pipewright.sdk.partition.DynamicPartitionsStore;
import io.pipewright.sdk.partition.InMemoryDynamicPartitionsStore;
import io.pipewright.sdk.partition.PartitionContext;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Objects;

/**
 * What a schedule's evaluation function knows about its tick (Dagster's {@code
 * ScheduleEvaluationContext}): the time the tick was scheduled for, the schedule's time zone, and
 * the resources it may use. The scheduled time is the cron time, not the (slightly later) time of
 * evaluation, so a run's config derived from it is the same however late the daemon is.
 *
 * <p>Build one in unit tests of an evaluation function:
 *
 * <pre>{@code
 * ScheduleContext ctx = ScheduleContext.builder(Instant.parse("2024-05-01T02:00:00Z")).build();
 * ScheduleResult result = myFunction.evaluate(ctx);
 * }</pre>
 */
public final class ScheduleContext {
  private final String scheduleName;
  private final Instant scheduledTime;
  private final ZoneId zone;
  private final Map<String, Object> resources;
  private final DynamicPartitionsStore dynamicPartitions;

  private ScheduleContext(Builder b) {
    this.scheduleName = b.scheduleName;
    this.scheduledTime = b.scheduledTime;
    this.zone = b.zone;
    this.resources = ContextResources.copy(b.resources);
    this.dynamicPartitions = b.dynamicPartitions;
  }

  /**
   * Starts a context for a tick.
   *
   * @param scheduledTime the time the tick was scheduled for
   * @return a builder
   */
  public static Builder builder(Instant scheduledTime) {
    return new Builder(scheduledTime);
  }

  /**
   * Returns the name of the schedule being evaluated.
   *
   * @return the name; {@code test_schedule} in a context built without one
   */
  public String scheduleName() {
    return scheduleName;
  }

  /**
   * Returns the time the tick was scheduled for (Dagster's {@code scheduled_execution_time}).
   *
   * @return the cron time of the tick
   */
  public Instant scheduledTime() {
    return scheduledTime;
  }

  /**
   * Returns the schedule's time zone.
   *
   * @return the zone whose wall clock the cron follows
   */
  public ZoneId zone() {
    return zone;
  }

  /**
   * Returns the scheduled time on the schedule's wall clock.
   *
   * @return the scheduled time in {@link #zone()}
   */
  public ZonedDateTime localScheduledTime() {
    return scheduledTime.atZone(zone);
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
    return ContextResources.get(resources, key, type, "schedule '" + scheduleName + "'");
  }

  /**
   * Returns where the keys of dynamic partitions are kept.
   *
   * @return the store
   */
  public DynamicPartitionsStore dynamicPartitions() {
    return dynamicPartitions;
  }

  /**
   * Returns a partition context at the scheduled time, to list the partitions that exist at the
   * tick: {@code partitions.keys(ctx.partitionContext())}.
   *
   * @return the context
   */
  public PartitionContext partitionContext() {
    return new PartitionContext(scheduledTime, dynamicPartitions);
  }

  @Override
  public String toString() {
    return "ScheduleContext[" + scheduleName + " at " + localScheduledTime() + "]";
  }

  /** Builds a {@link ScheduleContext}. */
  public static final class Builder {
    private String scheduleName = "test_schedule";
    private final Instant scheduledTime;
    private ZoneId zone = ZoneOffset.UTC;
    private Map<String, ?> resources = Map.of();
    private DynamicPartitionsStore dynamicPartitions = new InMemoryDynamicPartitionsStore();

    private Builder(Instant scheduledTime) {
      this.scheduledTime = Objects.requireNonNull(scheduledTime, "scheduledTime");
    }

    /**
     * Sets the schedule's name.
     *
     * @param name the name
     * @return this builder
     */
    public Builder scheduleName(String name) {
      this.scheduleName = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * Sets the time zone (default UTC).
     *
     * @param timezone the zone
     * @return this builder
     */
    public Builder zone(ZoneId timezone) {
      this.zone = Objects.requireNonNull(timezone, "timezone");
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
    public ScheduleContext build() {
      return new ScheduleContext(this);
    }
  }
}
