package io.pipewright.sdk.schedule;

import io.pipewright.sdk.asset.AssetSelection;
import io.pipewright.sdk.internal.schedule.PartitionedSchedules;
import io.pipewright.sdk.partition.PartitionedConfig;
import io.pipewright.sdk.partition.PartitionsDefinition;
import io.pipewright.sdk.partition.TimeWindowPartitionsDefinition;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;

/**
 * A schedule: launches runs of a job or of a selection of assets at the times of a cron expression
 * in a time zone (Dagster's {@code ScheduleDefinition} and {@code @schedule}).
 *
 * <pre>{@code
 * ScheduleDefinition nightly = ScheduleDefinition.builder("nightly_etl", "30 2 * * *")
 *     .timezone(ZoneId.of("Europe/Berlin"))
 *     .job("etl")
 *     .evaluation(ctx -> ScheduleResult.runs(RunRequest.builder()
 *         .runConfig(RunConfig.builder()
 *             .opConfig("extract", Map.of("date", ctx.localScheduledTime().toLocalDate().toString()))
 *             .build())
 *         .build()))
 *     .build();
 *
 * // One run per new daily partition, at the end of each day in the partitions' time zone:
 * ScheduleDefinition daily = ScheduleDefinition.forPartitions("daily_sales", "sales_job", dailyPartitions);
 * }</pre>
 *
 * <p>Without an evaluation function, every tick requests one run of the target with empty config.
 * The cron is read in the schedule's time zone (UTC unless set), with the daylight-saving rules of
 * {@link CronSchedule}. A schedule starts {@link DefaultStatus#STOPPED} unless its default status
 * says otherwise. Definitions are immutable; the name and target are checked when the schedule is
 * added to {@link io.pipewright.sdk.Definitions}.
 */
public final class ScheduleDefinition implements InstigatorDefinition {
  private final String name;
  private final CronSchedule cron;
  private final ZoneId timezone;
  private final String description;
  private final String jobName;
  private final AssetSelection assetSelection;
  private final DefaultStatus defaultStatus;
  private final ScheduleFunction evaluation;

  private ScheduleDefinition(Builder b) {
    this.name = b.name;
    this.cron = b.cron;
    this.timezone = b.timezone;
    this.description = b.description;
    this.jobName = b.jobName;
    this.assetSelection = b.assetSelection;
    this.defaultStatus = b.defaultStatus;
    this.evaluation = b.evaluation;
  }

  /**
   * Starts a schedule.
   *
   * @param name letters, digits and underscores, unique among the schedules and sensors
   * @param cron the cron expression, e.g. {@code 0 2 * * *} or {@code @daily}
   * @return a builder
   * @throws InvalidCronException if the cron expression cannot be read
   */
  public static Builder builder(String name, String cron) {
    return new Builder(name, CronSchedule.parse(cron));
  }

  /**
   * Starts a schedule.
   *
   * @param name letters, digits and underscores, unique among the schedules and sensors
   * @param cron the cron schedule
   * @return a builder
   */
  public static Builder builder(String name, CronSchedule cron) {
    return new Builder(name, Objects.requireNonNull(cron, "cron"));
  }

  /**
   * Returns a schedule that runs a time-partitioned job once per new partition, without run config
   * (e.g. for an asset job, whose assets know their partitions).
   *
   * @param name the schedule's name
   * @param jobName the partitioned job
   * @param partitions the job's partitions
   * @return the schedule
   * @throws IllegalArgumentException as {@link #forPartitions(String, String, PartitionsDefinition,
   *     PartitionedConfig)} does
   */
  public static ScheduleDefinition forPartitions(
      String name, String jobName, PartitionsDefinition partitions) {
    return forPartitions(name, jobName, partitions, null);
  }

  /**
   * Returns a schedule that runs a time-partitioned job once per new partition (Dagster's {@code
   * build_schedule_from_partitioned_job}).
   *
   * <p>The cron follows the partitions' cadence and offsets, in their time zone: {@code M * * * *}
   * for hourly partitions starting {@code M} minutes past the hour, {@code M H * * *} for daily,
   * {@code M H * * D} for weekly and {@code M H D * *} for monthly ones. Each tick requests the
   * newest partition at its scheduled time, which is the window that has just ended (or, with an
   * end offset of 1, the one that has just begun). For a multi-partitions definition with one
   * time-window dimension, each tick requests every key with the newest window. Every request has
   * the partition key as run key and partition key, the partition's run config, and its tags
   * (including {@code dagster/partition}). A tick before the first window ends is skipped.
   *
   * <p>The job name is not checked against the partitions here: give the job's own partitions.
   *
   * @param name the schedule's name
   * @param jobName the partitioned job (or asset job)
   * @param partitions the job's partitions: time windows, or multi-partitions with one time-window
   *     dimension
   * @param config the run config and tags of each partition, or null for none
   * @return the schedule; change its description or default status with {@link #toBuilder()}
   * @throws IllegalArgumentException for static partitions (give a cron with the overload that
   *     takes one), dynamic partitions, or multi-partitions without exactly one time dimension
   */
  public static ScheduleDefinition forPartitions(
      String name, String jobName, PartitionsDefinition partitions, PartitionedConfig config) {
    Objects.requireNonNull(partitions, "partitions");
    TimeWindowPartitionsDefinition cadence = PartitionedSchedules.cadence(name, partitions);
    return forPartitions(
        name,
        jobName,
        partitions,
        config,
        CronSchedule.parse(PartitionedSchedules.cronFor(cadence)),
        cadence.timezone());
  }

  /**
   * Returns a schedule that runs a partitioned job at the times of a cron. With static partitions,
   * each tick requests every partition (as Dagster does); with time windows, the newest partition
   * at the scheduled time, as {@link #forPartitions(String, String, PartitionsDefinition,
   * PartitionedConfig)} describes.
   *
   * @param name the schedule's name
   * @param jobName the partitioned job (or asset job)
   * @param partitions the job's partitions: static, time windows, or multi-partitions with one
   *     time-window dimension
   * @param config the run config and tags of each partition, or null for none
   * @param cron when to run
   * @param timezone the cron's time zone
   * @return the schedule
   * @throws IllegalArgumentException for dynamic partitions, or multi-partitions without exactly
   *     one time dimension
   */
  public static ScheduleDefinition forPartitions(
      String name,
      String jobName,
      PartitionsDefinition partitions,
      PartitionedConfig config,
      CronSchedule cron,
      ZoneId timezone) {
    Objects.requireNonNull(partitions, "partitions");
    PartitionedSchedules.checkSupported(name, partitions);
    return builder(name, cron)
        .timezone(timezone)
        .job(jobName)
        .evaluation(
            PartitionedSchedules.function(
                partitions, config == null ? PartitionedSchedules.NO_CONFIG : config))
        .build();
  }

  @Override
  public String name() {
    return name;
  }

  /**
   * Returns the cron expression.
   *
   * @return the cron schedule
   */
  public CronSchedule cron() {
    return cron;
  }

  /**
   * Returns the time zone whose wall clock the cron follows.
   *
   * @return the zone; UTC unless set
   */
  public ZoneId timezone() {
    return timezone;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public Optional<String> jobName() {
    return Optional.ofNullable(jobName);
  }

  @Override
  public Optional<AssetSelection> assetSelection() {
    return Optional.ofNullable(assetSelection);
  }

  @Override
  public DefaultStatus defaultStatus() {
    return defaultStatus;
  }

  /**
   * Returns the evaluation function.
   *
   * @return the function; without one set, it requests one run with empty config
   */
  public ScheduleFunction evaluation() {
    return evaluation;
  }

  /**
   * Returns the first tick strictly after an instant.
   *
   * @param after the instant
   * @return the scheduled time of the next tick
   */
  public Instant nextTickAfter(Instant after) {
    return cron.nextAfter(after, timezone);
  }

  /**
   * Returns a builder holding this schedule's values.
   *
   * @return a builder
   */
  public Builder toBuilder() {
    Builder b = new Builder(name, cron);
    b.timezone = timezone;
    b.description = description;
    b.jobName = jobName;
    b.assetSelection = assetSelection;
    b.defaultStatus = defaultStatus;
    b.evaluation = evaluation;
    return b;
  }

  @Override
  public String toString() {
    return "ScheduleDefinition["
        + name
        + ", "
        + cron
        + " in "
        + timezone
        + ", target "
        + (jobName != null ? "job " + jobName : assetSelection != null ? assetSelection : "none")
        + "]";
  }

  /** Builds a {@link ScheduleDefinition}. */
  public static final class Builder {
    private final String name;
    private CronSchedule cron;
    private ZoneId timezone = ZoneOffset.UTC;
    private String description;
    private String jobName;
    private AssetSelection assetSelection;
    private DefaultStatus defaultStatus = DefaultStatus.STOPPED;
    private ScheduleFunction evaluation = ctx -> ScheduleResult.runs(RunRequest.of());

    private Builder(String name, CronSchedule cron) {
      this.name = name;
      this.cron = cron;
    }

    /**
     * Replaces the cron expression.
     *
     * @param expression the cron expression
     * @return this builder
     * @throws InvalidCronException if the expression cannot be read
     */
    public Builder cron(String expression) {
      this.cron = CronSchedule.parse(expression);
      return this;
    }

    /**
     * Sets the time zone whose wall clock the cron follows (Dagster's {@code execution_timezone}).
     *
     * @param zone the zone; UTC by default
     * @return this builder
     */
    public Builder timezone(ZoneId zone) {
      this.timezone = Objects.requireNonNull(zone, "zone");
      return this;
    }

    /**
     * Sets the time zone by its ID.
     *
     * @param zoneId e.g. {@code America/New_York}
     * @return this builder
     * @throws java.time.DateTimeException if the ID is not a time zone
     */
    public Builder timezone(String zoneId) {
      return timezone(ZoneId.of(zoneId));
    }

    /**
     * Sets the description.
     *
     * @param text the description
     * @return this builder
     */
    public Builder description(String text) {
      this.description = text;
      return this;
    }

    /**
     * Targets a job; replaces an asset selection target.
     *
     * @param name the job's name, as added to the definitions
     * @return this builder
     */
    public Builder job(String name) {
      this.jobName = Objects.requireNonNull(name, "name");
      this.assetSelection = null;
      return this;
    }

    /**
     * Targets a selection of assets, run as the implicit asset job; replaces a job target.
     *
     * @param selection the assets
     * @return this builder
     */
    public Builder assets(AssetSelection selection) {
      this.assetSelection = Objects.requireNonNull(selection, "selection");
      this.jobName = null;
      return this;
    }

    /**
     * Sets whether the schedule runs before anyone starts it.
     *
     * @param status the default status; {@link DefaultStatus#STOPPED} by default
     * @return this builder
     */
    public Builder defaultStatus(DefaultStatus status) {
      this.defaultStatus = Objects.requireNonNull(status, "status");
      return this;
    }

    /**
     * Sets the evaluation function, which decides what each tick launches.
     *
     * @param function the function
     * @return this builder
     */
    public Builder evaluation(ScheduleFunction function) {
      this.evaluation = Objects.requireNonNull(function, "function");
      return this;
    }

    /**
     * Builds the schedule. Its name and target are checked when it is added to {@link
     * io.pipewright.sdk.Definitions}.
     *
     * @return the schedule
     */
    public ScheduleDefinition build() {
      return new ScheduleDefinition(this);
    }
  }
}
