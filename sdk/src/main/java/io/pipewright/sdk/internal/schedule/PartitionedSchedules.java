package io.pipewright.sdk.internal.schedule;

import io.pipewright.sdk.config.RunConfig;
import io.pipewright.sdk.partition.DynamicPartitionsDefinition;
import io.pipewright.sdk.partition.MultiPartitionKey;
import io.pipewright.sdk.partition.MultiPartitionsDefinition;
import io.pipewright.sdk.partition.PartitionContext;
import io.pipewright.sdk.partition.PartitionMapping;
import io.pipewright.sdk.partition.PartitionedConfig;
import io.pipewright.sdk.partition.PartitionsDefinition;
import io.pipewright.sdk.partition.StaticPartitionsDefinition;
import io.pipewright.sdk.partition.TimeWindowPartitionsDefinition;
import io.pipewright.sdk.schedule.RunRequest;
import io.pipewright.sdk.schedule.ScheduleFunction;
import io.pipewright.sdk.schedule.ScheduleResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Schedules built from partitions (Dagster's {@code build_schedule_from_partitioned_job}): the cron
 * of a time-window cadence, and the evaluation function that requests the newest partition.
 */
public final class PartitionedSchedules {
  private PartitionedSchedules() {}

  /** The config used when a partitioned schedule is given none. */
  public static final PartitionedConfig NO_CONFIG = PartitionedConfig.of(key -> RunConfig.empty());

  /**
   * Returns the time-window definition whose cadence a schedule follows: the definition itself, or
   * the one time dimension of a multi-partitions definition.
   *
   * @throws IllegalArgumentException when there is none, naming the overload to use instead
   */
  public static TimeWindowPartitionsDefinition cadence(
      String scheduleName, PartitionsDefinition p) {
    if (p instanceof TimeWindowPartitionsDefinition time) {
      return time;
    }
    TimeWindowPartitionsDefinition time = timeDimension(p);
    if (time != null) {
      return time;
    }
    checkSupported(scheduleName, p);
    throw new IllegalArgumentException(
        "Schedule '"
            + scheduleName
            + "' is built from "
            + p.describe()
            + ", which has no time windows to derive a cron from. Give the cron: use"
            + " forPartitions(name, jobName, partitions, config, cron, timezone), which requests"
            + " every partition at each tick");
  }

  /**
   * Checks that a schedule can be built from a definition: time windows, static keys, or a
   * multi-partitions definition with exactly one time dimension, as in Dagster.
   *
   * @throws IllegalArgumentException otherwise, saying which definitions are allowed
   */
  public static void checkSupported(String scheduleName, PartitionsDefinition p) {
    if (p instanceof TimeWindowPartitionsDefinition
        || p instanceof StaticPartitionsDefinition
        || timeDimension(p) != null) {
      return;
    }
    String why =
        p instanceof DynamicPartitionsDefinition
            ? "dynamic partitions grow at run time, so a schedule cannot know which are new; use a"
                + " sensor that adds keys and requests their runs"
            : "a multi-partitions definition needs exactly one time-window dimension";
    throw new IllegalArgumentException(
        "Schedule '"
            + scheduleName
            + "' cannot be built from "
            + p.describe()
            + ": "
            + why
            + ". Allowed: time-window partitions, static partitions (with a cron), or"
            + " multi-partitions with one time-window dimension");
  }

  /** Returns the only time-window dimension of a multi-partitions definition, or null. */
  private static TimeWindowPartitionsDefinition timeDimension(PartitionsDefinition p) {
    if (!(p instanceof MultiPartitionsDefinition multi)) {
      return null;
    }
    TimeWindowPartitionsDefinition found = null;
    for (PartitionsDefinition dimension : multi.dimensions().values()) {
      if (dimension instanceof TimeWindowPartitionsDefinition time) {
        if (found != null) {
          return null;
        }
        found = time;
      }
    }
    return found;
  }

  /** Returns the cron of a time-window cadence, with its minute, hour and day offsets. */
  public static String cronFor(TimeWindowPartitionsDefinition time) {
    int minute = time.minuteOffset();
    int hour = time.hourOffset();
    return switch (time.scheduleType()) {
      case HOURLY -> minute + " * * * *";
      case DAILY -> minute + " " + hour + " * * *";
      case WEEKLY -> minute + " " + hour + " * * " + time.dayOffset();
      case MONTHLY -> minute + " " + hour + " " + time.dayOffset() + " * *";
    };
  }

  /**
   * Returns the evaluation function: at each tick, a run for the newest partition at the scheduled
   * time (for time windows; with its end offset), for every key (static), or for every key of the
   * newest time window (multi). Run keys are the partition keys, so a tick evaluated twice launches
   * each partition once.
   */
  public static ScheduleFunction function(
      PartitionsDefinition partitions, PartitionedConfig config) {
    return ctx -> {
      PartitionContext at = ctx.partitionContext();
      List<String> keys;
      if (partitions instanceof StaticPartitionsDefinition) {
        keys = partitions.keys(at);
      } else {
        TimeWindowPartitionsDefinition time =
            partitions instanceof TimeWindowPartitionsDefinition t ? t : timeDimension(partitions);
        String last = lastKey(time, at);
        if (last == null) {
          return ScheduleResult.skip(
              "The partitions definition ("
                  + time.describe()
                  + ") has no partitions at "
                  + ctx.localScheduledTime());
        }
        keys =
            partitions instanceof MultiPartitionsDefinition multi
                ? keysWithTimeKey(multi, time, last, at)
                : List.of(last);
      }
      List<RunRequest> requests = new ArrayList<>(keys.size());
      for (String key : keys) {
        requests.add(
            RunRequest.builder()
                .runKey(key)
                .partitionKey(key)
                .runConfig(config.runConfigFor(key))
                .tags(config.tagsFor(key, partitions))
                .build());
      }
      return ScheduleResult.runs(requests);
    };
  }

  /** The newest partition, without listing every key (hourly partitions over years are many). */
  private static String lastKey(TimeWindowPartitionsDefinition time, PartitionContext at) {
    // The last-partition mapping towards an unpartitioned downstream is exactly "the newest
    // partition now", computed arithmetically.
    Set<String> last = PartitionMapping.lastPartitions(1).upstreamKeys(List.of(), null, time, at);
    return last.isEmpty() ? null : last.iterator().next();
  }

  private static List<String> keysWithTimeKey(
      MultiPartitionsDefinition multi,
      TimeWindowPartitionsDefinition time,
      String timeKey,
      PartitionContext at) {
    String timeName = null;
    String otherName = null;
    PartitionsDefinition other = null;
    for (Map.Entry<String, PartitionsDefinition> e : multi.dimensions().entrySet()) {
      if (e.getValue() == time) {
        timeName = e.getKey();
      } else {
        otherName = e.getKey();
        other = e.getValue();
      }
    }
    List<String> keys = new ArrayList<>();
    for (String otherKey : other.keys(at)) {
      keys.add(MultiPartitionKey.of(timeName, timeKey, otherName, otherKey).toKeyString());
    }
    return keys;
  }
}
