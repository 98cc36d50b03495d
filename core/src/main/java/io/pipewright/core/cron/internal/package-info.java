/** The parser and fire-time search behind {@link io.pipewright.core.cron.CronExpression}. */
package io.pipewright.core.cron.internal;
