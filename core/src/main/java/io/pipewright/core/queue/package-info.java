/**
 * The run queue's admission decision ({@link io.pipewright.core.queue.RunQueue#admit}): which
 * queued runs start now under the maximum of concurrent runs and the tag concurrency limits,
 * highest {@code dagster/priority} first, then oldest first. Pure: the daemon's queue loop reads
 * the runs, calls it, and launches what it admits.
 */
package io.pipewright.core.queue;
