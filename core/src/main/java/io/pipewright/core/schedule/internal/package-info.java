/** The cron matcher behind {@link io.pipewright.core.schedule.CronExpression}; not public API. */
package io.pipewright.core.schedule.internal;
