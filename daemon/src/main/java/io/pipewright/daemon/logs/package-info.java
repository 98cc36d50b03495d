/**
 * Compute logs: what step attempts write to standard output and error, kept per attempt and
 * readable while they run ({@link io.pipewright.daemon.logs.ComputeLogStore}), on the local file
 * system by default ({@link io.pipewright.daemon.logs.FileComputeLogStore}).
 */
package io.pipewright.daemon.logs;
