/**
 * Cron expressions read in a time zone, with Dagster's daylight-saving rules: {@link
 * io.pipewright.core.cron.CronExpression} computes fire times for hosts (the webserver's future
 * ticks, the scheduler), which never load the sdk. The same rules as the sdk's {@code CronSchedule}
 * (a copy of its parser and search: core may not depend on the sdk, nor the sdk on core).
 */
package io.pipewright.core.cron;
