/**
 * Schedules and sensors: what launches runs without a person pressing a button (Dagster's
 * instigators).
 *
 * <h2>Concepts</h2>
 *
 * <ul>
 *   <li>A {@link io.pipewright.sdk.schedule.ScheduleDefinition schedule} fires at the times of a
 *       {@link io.pipewright.sdk.schedule.CronSchedule cron expression} in a time zone. At each
 *       <em>tick</em> its evaluation function gets the tick's scheduled time and returns {@link
 *       io.pipewright.sdk.schedule.RunRequest run requests} or a skip with a reason. {@link
 *       io.pipewright.sdk.schedule.ScheduleDefinition#forPartitions
 *       ScheduleDefinition.forPartitions} builds one that runs each new partition of a
 *       time-partitioned job.
 *   <li>A {@link io.pipewright.sdk.schedule.SensorDefinition sensor} is evaluated every {@link
 *       io.pipewright.sdk.schedule.AnySensorDefinition#minimumInterval() minimum interval} (30
 *       seconds by default) and decides whether something happened. Its <em>cursor</em>, a string
 *       it returns and gets back on the next tick, remembers how far it has looked. Its result may
 *       also add or delete {@link io.pipewright.sdk.schedule.DynamicPartitionsRequest dynamic
 *       partitions}.
 *   <li>Three kinds of sensors manage their cursor themselves: the {@link
 *       io.pipewright.sdk.schedule.AssetSensorDefinition asset sensor} reacts to each new
 *       materialization of one asset, the {@link
 *       io.pipewright.sdk.schedule.MultiAssetSensorDefinition multi-asset sensor} to those of
 *       several assets together, and the {@link
 *       io.pipewright.sdk.schedule.RunStatusSensorDefinition run-status sensor} to runs that
 *       succeed or fail.
 *   <li>A <em>run key</em> on a run request makes it idempotent: the daemon launches at most one
 *       run per key and instigator, so a tick evaluated twice launches nothing twice.
 *   <li>The <em>target</em> of a schedule or sensor (a job, or a selection of assets) is what its
 *       run requests launch when they name nothing else. Schedules and sensors start {@link
 *       io.pipewright.sdk.schedule.DefaultStatus#STOPPED stopped} unless their default status says
 *       otherwise.
 * </ul>
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * ScheduleDefinition nightly = ScheduleDefinition.builder("nightly_etl", "30 2 * * *")
 *     .timezone("Europe/Berlin")
 *     .job("etl")
 *     .defaultStatus(DefaultStatus.RUNNING)
 *     .build();
 *
 * SensorDefinition newFiles = SensorDefinition.builder("new_files", ctx -> {
 *       List<String> files = inbox.listAfter(ctx.cursor().orElse(""));
 *       if (files.isEmpty()) {
 *         return SensorResult.skip("no new files");
 *       }
 *       return SensorResult.runs(files.stream().map(RunRequest::withKey).toList())
 *           .withCursor(files.get(files.size() - 1));
 *     })
 *     .job("ingest")
 *     .build();
 *
 * Definitions defs = Definitions.builder()
 *     .jobs(etl, ingest)
 *     .schedules(nightly)
 *     .sensors(newFiles)
 *     .build();   // checks names, targets, intervals: every problem at once
 * }</pre>
 *
 * <h2>Time zones and daylight saving time</h2>
 *
 * Cron times follow the wall clock of the schedule's time zone (UTC by default). On the day the
 * clocks spring forward, a time that does not exist runs at the end of the gap; on the day they
 * fall back, a repeated time runs once, at its second occurrence; schedules that fire every hour
 * keep firing once per real hour. {@link io.pipewright.sdk.schedule.CronSchedule} has the details.
 *
 * <h2>Evaluation and testing</h2>
 *
 * The daemon decides when a schedule or sensor is due; the code location evaluates it and returns a
 * {@link io.pipewright.sdk.schedule.ScheduleEvaluation} or {@link
 * io.pipewright.sdk.schedule.SensorEvaluation}. An exception from user code never escapes: it comes
 * back in the evaluation, is recorded on the tick, and the sensor's cursor stays where it was. The
 * {@code sdk-testing} module evaluates schedules and sensors the same way, with a test clock, a
 * cursor and the events to react to ({@code ScheduleTester}, {@code SensorTester}).
 */
package io.pipewright.sdk.schedule;
