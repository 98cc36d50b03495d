package io.pipewright.executor.k8s;

import java.util.Objects;

/**
 * What a step pod's status says about its attempt: still pending, running, succeeded, or failed for
 * a {@link PodFailureReason}. Built by named factories.
 *
 * @param state the attempt's state as far as the pod tells
 * @param reason why it failed; null unless {@link State#FAILED}
 * @param message for people: what happened and, for failures, what to do; never null
 * @param exitCode the step container's exit code when it terminated, else null
 */
public record PodOutcome(State state, PodFailureReason reason, String message, Integer exitCode) {

  /** The attempt's state as far as the pod tells. */
  public enum State {
    /** Not started yet: being scheduled, pulling its image, creating its container. */
    PENDING,
    /** The step container runs. */
    RUNNING,
    /** The step container exited with 0. */
    SUCCEEDED,
    /** The attempt failed; see {@link PodOutcome#reason()}. */
    FAILED
  }

  /** Validates the components. */
  public PodOutcome {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(message, "message");
    if ((state == State.FAILED) != (reason != null)) {
      throw new IllegalArgumentException("a PodOutcome has a reason exactly when it is FAILED");
    }
  }

  /**
   * The pod has not started its step yet.
   *
   * @param message what it waits for
   * @return the outcome
   */
  public static PodOutcome pending(String message) {
    return new PodOutcome(State.PENDING, null, message, null);
  }

  /**
   * The step container runs.
   *
   * @param message where
   * @return the outcome
   */
  public static PodOutcome running(String message) {
    return new PodOutcome(State.RUNNING, null, message, null);
  }

  /**
   * The step container exited with 0.
   *
   * @return the outcome
   */
  public static PodOutcome succeeded() {
    return new PodOutcome(State.SUCCEEDED, null, "the step container exited with 0", 0);
  }

  /**
   * The attempt failed.
   *
   * @param reason why
   * @param message what happened and what to do
   * @param exitCode the container's exit code, or null when it did not exit
   * @return the outcome
   */
  public static PodOutcome failed(PodFailureReason reason, String message, Integer exitCode) {
    return new PodOutcome(
        State.FAILED, Objects.requireNonNull(reason, "reason"), message, exitCode);
  }

  /**
   * Tells whether the pod will not change this outcome any more.
   *
   * @return true when succeeded or failed
   */
  public boolean isTerminal() {
    return state == State.SUCCEEDED || state == State.FAILED;
  }

  /**
   * Tells whether the attempt failed because of the cluster rather than the step.
   *
   * @return true for an infrastructure failure
   */
  public boolean isInfrastructureFailure() {
    return reason != null && reason.isInfrastructureFailure();
  }
}
