/** The parser and the fire-time search behind {@link io.pipewright.cron.Cron}; not public API. */
package io.pipewright.cron.internal;
