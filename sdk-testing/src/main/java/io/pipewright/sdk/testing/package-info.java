/**
 * Helpers for testing Pipewright code: build an op context and invoke an op directly, run a job in
 * process with a fake clock, assert over a run's event stream, and evaluate schedules and sensors
 * with a test clock, a cursor and the events they react to ({@link
 * io.pipewright.sdk.testing.ScheduleTester}, {@link io.pipewright.sdk.testing.SensorTester}, {@link
 * io.pipewright.sdk.testing.EvaluationAssertions}). Framework-free: failed assertions throw {@link
 * java.lang.AssertionError}, which every test framework reports.
 */
package io.pipewright.sdk.testing;
