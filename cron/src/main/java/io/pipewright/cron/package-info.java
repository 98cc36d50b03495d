/**
 * Cron expressions and their fire times ({@link io.pipewright.cron.Cron}), shared by the sdk's
 * {@code CronSchedule} and core's {@code CronExpression}. Plain Java, no dependencies.
 */
package io.pipewright.cron;
