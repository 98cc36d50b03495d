/**
 * Helpers for testing Pipewright code: build an op context and invoke an op directly, run a job in
 * process with a fake clock, and assert over a run's event stream. Framework-free: failed
 * assertions throw {@link java.lang.AssertionError}, which every test framework reports.
 */
package io.pipewright.sdk.testing;
