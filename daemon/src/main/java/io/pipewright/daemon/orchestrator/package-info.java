/**
 * The run orchestrator: drives each run's steps from its plan snapshot and events through the step
 * launcher, around core's pure {@code RunProgress} decisions.
 */
package io.pipewright.daemon.orchestrator;
