package io.pipewright.sdk.schedule;

import io.pipewright.sdk.event.ErrorInfo;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of evaluating a schedule for one tick: the run requests to launch, a skip with its
 * reason, or the error the evaluation function raised. Evaluation never throws the user's errors;
 * they come back here, as Dagster records them on the tick.
 */
public final class ScheduleEvaluation {
  private final Instant scheduledTime;
  private final List<RunRequest> runRequests;
  private final String skipReason;
  private final ErrorInfo error;

  private ScheduleEvaluation(
      Instant scheduledTime, List<RunRequest> runRequests, String skipReason, ErrorInfo error) {
    this.scheduledTime = Objects.requireNonNull(scheduledTime, "scheduledTime");
    this.runRequests = List.copyOf(runRequests);
    this.skipReason = skipReason;
    this.error = error;
  }

  /**
   * Returns an evaluation that requests runs.
   *
   * @param scheduledTime the tick's scheduled time
   * @param runRequests the requests; none makes a skipped tick without reason
   * @return the evaluation
   */
  public static ScheduleEvaluation requested(Instant scheduledTime, List<RunRequest> runRequests) {
    return new ScheduleEvaluation(scheduledTime, runRequests, null, null);
  }

  /**
   * Returns an evaluation that skips the tick.
   *
   * @param scheduledTime the tick's scheduled time
   * @param reason why
   * @return the evaluation
   */
  public static ScheduleEvaluation skipped(Instant scheduledTime, String reason) {
    return new ScheduleEvaluation(
        scheduledTime, List.of(), Objects.requireNonNull(reason, "reason"), null);
  }

  /**
   * Returns an evaluation that failed.
   *
   * @param scheduledTime the tick's scheduled time
   * @param error what went wrong
   * @return the evaluation
   */
  public static ScheduleEvaluation failed(Instant scheduledTime, ErrorInfo error) {
    return new ScheduleEvaluation(
        scheduledTime, List.of(), null, Objects.requireNonNull(error, "error"));
  }

  /**
   * Returns the tick's scheduled time.
   *
   * @return the cron time evaluated
   */
  public Instant scheduledTime() {
    return scheduledTime;
  }

  /**
   * Returns the runs to launch.
   *
   * @return the requests, in order; empty when skipped or failed
   */
  public List<RunRequest> runRequests() {
    return runRequests;
  }

  /**
   * Returns why the tick was skipped.
   *
   * @return the reason given with {@link ScheduleResult#skip(String)}; empty otherwise
   */
  public Optional<String> skipReason() {
    return Optional.ofNullable(skipReason);
  }

  /**
   * Returns the error of a failed evaluation.
   *
   * @return the error; empty unless the evaluation failed
   */
  public Optional<ErrorInfo> error() {
    return Optional.ofNullable(error);
  }

  /**
   * Returns whether the evaluation failed.
   *
   * @return whether there is an {@link #error()}
   */
  public boolean isFailure() {
    return error != null;
  }

  /**
   * Returns whether the tick launches nothing without having failed (a skip, or no requests).
   *
   * @return whether the tick is recorded as skipped
   */
  public boolean isSkipped() {
    return error == null && runRequests.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ScheduleEvaluation other
        && scheduledTime.equals(other.scheduledTime)
        && runRequests.equals(other.runRequests)
        && Objects.equals(skipReason, other.skipReason)
        && Objects.equals(error, other.error);
  }

  @Override
  public int hashCode() {
    return Objects.hash(scheduledTime, runRequests, skipReason, error);
  }

  @Override
  public String toString() {
    if (error != null) {
      return "ScheduleEvaluation[" + scheduledTime + ", failed: " + error.firstLine() + "]";
    }
    if (skipReason != null) {
      return "ScheduleEvaluation[" + scheduledTime + ", skipped: " + skipReason + "]";
    }
    return "ScheduleEvaluation[" + scheduledTime + ", runs: " + runRequests + "]";
  }
}
