/** The daemon's loop thread: queue, orchestrator, monitor and heartbeats, one cycle at a time. */
package io.pipewright.daemon.loop;
