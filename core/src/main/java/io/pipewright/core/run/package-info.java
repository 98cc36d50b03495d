/**
 * The run lifecycle: {@link io.pipewright.core.run.RunStatus} and the transition table of {@link
 * io.pipewright.core.run.RunStateMachine}, which the daemon consults before every run state change.
 */
package io.pipewright.core.run;
