package io.pipewright.core.schedule;

import io.pipewright.core.instigation.InstigatorSelector;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Run ids derived from what asked for the run, so that creating the run again (after a crash, or by
 * a second daemon) hits the same id and the run store's uniqueness answers "already created"
 * instead of making a duplicate. Ids are name-based UUIDs (version 3), which keeps them in the UUID
 * form that runs have everywhere else.
 */
public final class RunIds {

  private RunIds() {}

  /**
   * The id of the {@code index}th run a schedule's tick requests.
   *
   * @param schedule the schedule
   * @param scheduledTime the tick's scheduled time (unique per schedule)
   * @param index the request's position in the tick's evaluation
   * @param runKey the request's run key; when set it names the run instead of the position
   * @return the run id
   */
  public static String forScheduleTick(
      InstigatorSelector schedule, Instant scheduledTime, int index, String runKey) {
    Objects.requireNonNull(schedule, "schedule must not be null");
    Objects.requireNonNull(scheduledTime, "scheduledTime must not be null");
    return uuid(
        "schedule",
        schedule.codeLocation(),
        schedule.name(),
        scheduledTime.toString(),
        runKey == null ? "#" + index : "key:" + runKey);
  }

  /**
   * The id of the run a sensor requests under a run key: one run per key and sensor, ever.
   *
   * @param sensor the sensor
   * @param runKey the run key
   * @return the run id
   */
  public static String forSensorRunKey(InstigatorSelector sensor, String runKey) {
    Objects.requireNonNull(sensor, "sensor must not be null");
    Objects.requireNonNull(runKey, "runKey must not be null");
    return uuid("sensor", sensor.codeLocation(), sensor.name(), "key:" + runKey);
  }

  /**
   * The id of the {@code index}th run without a run key a sensor's tick requests.
   *
   * @param sensor the sensor
   * @param tickId the tick
   * @param index the request's position
   * @return the run id
   */
  public static String forSensorTick(InstigatorSelector sensor, long tickId, int index) {
    Objects.requireNonNull(sensor, "sensor must not be null");
    return uuid("sensor", sensor.codeLocation(), sensor.name(), "tick:" + tickId, "#" + index);
  }

  /**
   * The id of a backfill's run of one partition.
   *
   * @param backfillId the backfill
   * @param partitionKey the partition
   * @return the run id
   */
  public static String forBackfill(String backfillId, String partitionKey) {
    Objects.requireNonNull(backfillId, "backfillId must not be null");
    Objects.requireNonNull(partitionKey, "partitionKey must not be null");
    return uuid("backfill", backfillId, partitionKey);
  }

  private static String uuid(String... parts) {
    StringBuilder name = new StringBuilder("pipewright");
    for (String part : parts) {
      // Length-prefixed, so that no two part lists give the same name.
      name.append('\u0000').append(part.length()).append(':').append(part);
    }
    return UUID.nameUUIDFromBytes(name.toString().getBytes(StandardCharsets.UTF_8)).toString();
  }
}
