/**
 * Compute logs: what step attempts write to standard output and error, kept per attempt and
 * readable while they run ({@link io.pipewright.core.logs.ComputeLogStore}); the storage module has
 * the adapters (files, PostgreSQL, memory).
 */
package io.pipewright.core.logs;
