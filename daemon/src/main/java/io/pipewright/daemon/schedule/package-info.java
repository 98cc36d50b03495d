/**
 * The scheduler ({@link io.pipewright.daemon.schedule.Scheduler}) and what it shares with the
 * sensor and backfill daemons: code location access, idempotent run creation ({@link
 * io.pipewright.daemon.schedule.RunSubmitter}), the exactly-once tick protocol ({@link
 * io.pipewright.daemon.schedule.TickRunner}) and the leader-gated thread per daemon type ({@link
 * io.pipewright.daemon.schedule.InstigationLoop}).
 */
package io.pipewright.daemon.schedule;
