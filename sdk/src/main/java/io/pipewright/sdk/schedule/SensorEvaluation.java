package io.pipewright.sdk.schedule;

import io.pipewright.sdk.event.ErrorInfo;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of evaluating a sensor for one tick: the run requests, skip reason, cursor and
 * dynamic partition requests to apply, or the error the evaluation raised. Evaluation never throws
 * the user's errors; they come back here, and the cursor then stays where it was.
 */
public final class SensorEvaluation {
  private final List<RunRequest> runRequests;
  private final String skipReason;
  private final String cursor;
  private final List<DynamicPartitionsRequest> dynamicPartitionsRequests;
  private final ErrorInfo error;

  private SensorEvaluation(
      List<RunRequest> runRequests,
      String skipReason,
      String cursor,
      List<DynamicPartitionsRequest> dynamicPartitionsRequests,
      ErrorInfo error) {
    this.runRequests = List.copyOf(runRequests);
    this.skipReason = skipReason;
    this.cursor = cursor;
    this.dynamicPartitionsRequests = List.copyOf(dynamicPartitionsRequests);
    this.error = error;
  }

  /**
   * Returns the evaluation of a tick that completed.
   *
   * @param runRequests the runs to launch
   * @param skipReason why nothing is launched, or null
   * @param cursor the cursor to store after the tick (the old one when unchanged), or null for none
   * @param dynamicPartitionsRequests the dynamic partitions to add or delete before launching
   * @return the evaluation
   */
  public static SensorEvaluation completed(
      List<RunRequest> runRequests,
      String skipReason,
      String cursor,
      List<DynamicPartitionsRequest> dynamicPartitionsRequests) {
    return new SensorEvaluation(runRequests, skipReason, cursor, dynamicPartitionsRequests, null);
  }

  /**
   * Returns the evaluation of a tick that failed.
   *
   * @param error what went wrong
   * @param cursor the cursor the tick started with, which stays, or null for none
   * @return the evaluation
   */
  public static SensorEvaluation failed(ErrorInfo error, String cursor) {
    return new SensorEvaluation(
        List.of(), null, cursor, List.of(), Objects.requireNonNull(error, "error"));
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
   * Returns why the tick launches nothing.
   *
   * @return the reason; empty when runs were requested, none was given, or the tick failed
   */
  public Optional<String> skipReason() {
    return Optional.ofNullable(skipReason);
  }

  /**
   * Returns the cursor to store after this tick: the new one if the sensor set one, else the one it
   * started with.
   *
   * @return the cursor; empty when there is none
   */
  public Optional<String> cursor() {
    return Optional.ofNullable(cursor);
  }

  /**
   * Returns the dynamic partitions to add or delete, before the runs are launched.
   *
   * @return the requests, in order
   */
  public List<DynamicPartitionsRequest> dynamicPartitionsRequests() {
    return dynamicPartitionsRequests;
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
   * Returns whether the tick launches nothing without having failed.
   *
   * @return whether the tick is recorded as skipped
   */
  public boolean isSkipped() {
    return error == null && runRequests.isEmpty();
  }

  /**
   * Returns the run key of the last run request that has one, which the daemon stores as the
   * sensor's last run key.
   *
   * @return the run key; empty when no request has one
   */
  public Optional<String> lastRunKey() {
    for (int i = runRequests.size() - 1; i >= 0; i--) {
      if (runRequests.get(i).runKey() != null) {
        return Optional.of(runRequests.get(i).runKey());
      }
    }
    return Optional.empty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SensorEvaluation other
        && runRequests.equals(other.runRequests)
        && Objects.equals(skipReason, other.skipReason)
        && Objects.equals(cursor, other.cursor)
        && dynamicPartitionsRequests.equals(other.dynamicPartitionsRequests)
        && Objects.equals(error, other.error);
  }

  @Override
  public int hashCode() {
    return Objects.hash(runRequests, skipReason, cursor, dynamicPartitionsRequests, error);
  }

  @Override
  public String toString() {
    String outcome =
        error != null
            ? "failed: " + error.firstLine()
            : skipReason != null ? "skipped: " + skipReason : "runs: " + runRequests;
    return "SensorEvaluation["
        + outcome
        + ", cursor "
        + cursor
        + (dynamicPartitionsRequests.isEmpty() ? "" : ", " + dynamicPartitionsRequests)
        + "]";
  }
}
