/** Retention: old events and compute logs are deleted. */
package io.pipewright.daemon.retention;
