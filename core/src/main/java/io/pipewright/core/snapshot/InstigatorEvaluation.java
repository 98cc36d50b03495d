package io.pipewright.core.snapshot;

import io.pipewright.core.internal.Checks;
import java.util.List;

/**
 * The outcome of one evaluation of a schedule or sensor (one tick): the runs it requests, why it
 * skipped, its new cursor and dynamic-partition requests, or the error the user's code raised.
 * Build one with the named factories and {@link #withCursor(String)} / {@link
 * #withDynamicPartitionRequests(List)}.
 *
 * @param runRequests the runs requested, in order
 * @param skipReason why nothing was requested; null when runs were requested or none was given
 * @param cursor the sensor's new cursor; null leaves it unchanged (always null for schedules)
 * @param dynamicPartitionRequests keys to add to or delete from dynamic partitions, in order
 * @param error the error the user's code raised; when set, the other parts are empty
 */
public record InstigatorEvaluation(
    List<RunRequestSnapshot> runRequests,
    String skipReason,
    String cursor,
    List<DynamicPartitionsRequestSnapshot> dynamicPartitionRequests,
    ErrorSnapshot error) {

  /** Validates and copies the components. */
  public InstigatorEvaluation {
    runRequests = Checks.list(runRequests, "InstigatorEvaluation", "runRequests");
    dynamicPartitionRequests =
        Checks.list(dynamicPartitionRequests, "InstigatorEvaluation", "dynamicPartitionRequests");
    if (skipReason != null && !runRequests.isEmpty()) {
      throw new IllegalArgumentException(
          "InstigatorEvaluation has both run requests and a skip reason ('"
              + skipReason
              + "'); a tick that requests runs did not skip");
    }
    if (error != null
        && (!runRequests.isEmpty()
            || skipReason != null
            || cursor != null
            || !dynamicPartitionRequests.isEmpty())) {
      throw new IllegalArgumentException(
          "InstigatorEvaluation has an error and results; a failed evaluation carries only the"
              + " error");
    }
  }

  /**
   * Returns an evaluation that requests runs.
   *
   * @param runRequests the runs, in order
   * @return the evaluation
   */
  public static InstigatorEvaluation runs(List<RunRequestSnapshot> runRequests) {
    return new InstigatorEvaluation(runRequests, null, null, List.of(), null);
  }

  /**
   * Returns an evaluation that requests nothing, saying why.
   *
   * @param reason why; may be null when the user's code gave none
   * @return the evaluation
   */
  public static InstigatorEvaluation skipped(String reason) {
    return new InstigatorEvaluation(List.of(), reason, null, List.of(), null);
  }

  /**
   * Returns the evaluation of user code that raised an error.
   *
   * @param error the error
   * @return the evaluation
   */
  public static InstigatorEvaluation failed(ErrorSnapshot error) {
    Checks.require(error, "InstigatorEvaluation.failed", "error");
    return new InstigatorEvaluation(List.of(), null, null, List.of(), error);
  }

  /**
   * Returns a copy with a new sensor cursor.
   *
   * @param newCursor the cursor; null leaves the stored one unchanged
   * @return the copy
   */
  public InstigatorEvaluation withCursor(String newCursor) {
    return new InstigatorEvaluation(
        runRequests, skipReason, newCursor, dynamicPartitionRequests, error);
  }

  /**
   * Returns a copy with dynamic partition requests.
   *
   * @param requests the requests, in order
   * @return the copy
   */
  public InstigatorEvaluation withDynamicPartitionRequests(
      List<DynamicPartitionsRequestSnapshot> requests) {
    return new InstigatorEvaluation(runRequests, skipReason, cursor, requests, error);
  }

  /**
   * Tells whether the user's code raised an error.
   *
   * @return true when {@link #error()} is set
   */
  public boolean isFailure() {
    return error != null;
  }
}
