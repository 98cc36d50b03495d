/**
 * The pure decisions of the scheduler, the sensor daemon and the backfill daemon: which ticks of a
 * schedule are due ({@link io.pipewright.core.schedule.ScheduleTicks}, DST-correct through {@link
 * io.pipewright.core.schedule.CronExpression}, after a downtime under a {@link
 * io.pipewright.core.schedule.CatchUpPolicy}), when a sensor is due ({@link
 * io.pipewright.core.schedule.SensorTiming}), and the deterministic run ids ({@link
 * io.pipewright.core.schedule.RunIds}) that make creating a run twice harmless. Every decision
 * takes {@code now} as an argument; the daemon's loops around them are thin.
 */
package io.pipewright.core.schedule;
