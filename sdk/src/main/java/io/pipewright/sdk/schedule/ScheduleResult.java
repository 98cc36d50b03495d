package io.pipewright.sdk.schedule;

import java.util.List;
import java.util.Objects;

/**
 * What a schedule's tick launches: {@link #runs(RunRequest...) runs} or a {@link #skip(String)
 * skip} with its reason (Dagster's {@code RunRequest}s or {@code SkipReason}).
 */
public sealed interface ScheduleResult permits ScheduleResult.Runs, ScheduleResult.Skip {

  /**
   * Returns a result that launches runs; with no requests, the tick is recorded as skipped.
   *
   * @param requests the run requests
   * @return the result
   */
  static ScheduleResult runs(RunRequest... requests) {
    return new Runs(List.of(requests));
  }

  /**
   * Returns a result that launches runs; with no requests, the tick is recorded as skipped.
   *
   * @param requests the run requests
   * @return the result
   */
  static ScheduleResult runs(List<RunRequest> requests) {
    return new Runs(requests);
  }

  /**
   * Returns a result that launches nothing, with the reason shown on the tick.
   *
   * @param reason why the tick is skipped, e.g. {@code "no trading on holidays"}
   * @return the result
   */
  static ScheduleResult skip(String reason) {
    return new Skip(reason);
  }

  /**
   * The tick launches runs.
   *
   * @param runRequests the requests, in order; unmodifiable
   */
  record Runs(List<RunRequest> runRequests) implements ScheduleResult {
    /**
     * Validates and copies the requests.
     *
     * @param runRequests the requests, in order; unmodifiable
     * @throws NullPointerException if the list or a request is null
     */
    public Runs {
      runRequests = List.copyOf(Objects.requireNonNull(runRequests, "runRequests"));
    }
  }

  /**
   * The tick is skipped.
   *
   * @param reason why, shown on the tick
   */
  record Skip(String reason) implements ScheduleResult {
    /**
     * Validates the reason.
     *
     * @param reason why, shown on the tick
     * @throws IllegalArgumentException if the reason is null or blank
     */
    public Skip {
      if (reason == null || reason.isBlank()) {
        throw new IllegalArgumentException(
            "A skipped tick needs a reason that says why, e.g. ScheduleResult.skip(\"no new"
                + " data\")");
      }
    }
  }
}
