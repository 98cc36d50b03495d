package io.pipewright.sdk.internal.schedule;

import io.pipewright.sdk.partition.DynamicPartitionsStore;
import io.pipewright.sdk.partition.InMemoryDynamicPartitionsStore;
import io.pipewright.sdk.schedule.SensorContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What the daemon knows about a sensor when it evaluates a tick: the stored cursor, the previous
 * tick's time and last run key, and the clock, resources and dynamic partitions of the evaluation.
 *
 * @param cursor the stored cursor, or null
 * @param lastTickTime when the previous tick started, or null
 * @param lastRunKey the last run key requested, or null
 * @param clock the clock behind the context's {@code now()}
 * @param resources the resources by key
 * @param dynamicPartitions the dynamic partitions store
 */
public record SensorTick(
    String cursor,
    Instant lastTickTime,
    String lastRunKey,
    Clock clock,
    Map<String, ?> resources,
    DynamicPartitionsStore dynamicPartitions) {

  /** Validates the components; null resources become empty. */
  public SensorTick {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(dynamicPartitions, "dynamicPartitions");
    resources = resources == null ? Map.of() : resources;
  }

  /** Returns a tick with only a clock and a cursor, as most tests need. */
  public static SensorTick of(Clock clock, String cursor) {
    return new SensorTick(
        cursor, null, null, clock, Map.of(), new InMemoryDynamicPartitionsStore());
  }

  /** Returns this tick with another cursor. */
  public SensorTick withCursor(String newCursor) {
    return new SensorTick(newCursor, lastTickTime, lastRunKey, clock, resources, dynamicPartitions);
  }

  /** Returns the context the sensor's function gets. */
  public SensorContext context(String sensorName) {
    return SensorContext.builder()
        .sensorName(sensorName)
        .cursor(cursor)
        .lastTickTime(lastTickTime)
        .lastRunKey(lastRunKey)
        .clock(clock)
        .resources(resources)
        .dynamicPartitions(dynamicPartitions)
        .build();
  }
}
