/**
 * The run orchestrator's decisions, pure: {@link io.pipewright.core.orchestration.RunProgress}
 * folds a run's plan, its events and its launcher's reports into one view and decides, one cycle at
 * a time, which steps to launch, skip, retry or stop and when the run ends ({@link
 * io.pipewright.core.orchestration.RunDecision}); {@link
 * io.pipewright.core.orchestration.Reexecution} chooses the steps of a re-execution and where their
 * inputs come from. No I/O and no threads: the daemon's loops read state, call these, and carry out
 * the commands.
 */
package io.pipewright.core.orchestration;
