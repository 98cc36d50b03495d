/** The run queue: admission of queued runs under the concurrency limits. */
package io.pipewright.daemon.queue;
